package io.kilowatch.delivery.adapter.out.persistence;

import io.kilowatch.delivery.application.NotificationStore.AttemptRecord;
import io.kilowatch.delivery.application.NotificationStore.DeadLetterRecord;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

interface DeliveryMapper {
  /** A transaction-scoped advisory lock on a text key; released at commit or rollback. */
  @Select("SELECT pg_advisory_xact_lock(hashtextextended(#{key}, 0))")
  Object lock(@Param("key") String key);

  @Insert(
      "INSERT INTO delivery.notification (notification_id, customer_id, category, priority,"
          + " template_key, idempotency_key, status, requested_at, created_at, updated_at)"
          + " VALUES (#{id}, #{customerId}, #{category}, #{priority}, #{templateKey},"
          + " #{idempotencyKey}, 'REQUESTED', #{requestedAt}, #{now}, #{now})"
          + " ON CONFLICT (notification_id) DO UPDATE SET status = 'REQUESTED',"
          + " status_reason = 'replayed', updated_at = EXCLUDED.updated_at"
          + " WHERE delivery.notification.status IN ('FAILED', 'DEFERRED')")
  int insertNotification(
      @Param("id") String id,
      @Param("customerId") String customerId,
      @Param("category") String category,
      @Param("priority") String priority,
      @Param("templateKey") String templateKey,
      @Param("idempotencyKey") String idempotencyKey,
      @Param("requestedAt") Instant requestedAt,
      @Param("now") Instant now);

  @Insert(
      "INSERT INTO delivery.dispatch (idempotency_key, channel, notification_id, claimed_at)"
          + " VALUES (#{key}, #{channel}, #{notificationId}, #{now}) ON CONFLICT DO NOTHING")
  int claimDispatch(
      @Param("key") String key,
      @Param("channel") String channel,
      @Param("notificationId") String notificationId,
      @Param("now") Instant now);

  /**
   * Claims several (idempotency key, channel) pairs in one statement; returns the pairs this
   * statement inserted. The caller passes each pair at most once, sorted, so that concurrent
   * batches of several instances lock the unique index in the same order.
   */
  @Select(
      "<script>INSERT INTO delivery.dispatch (idempotency_key, channel, notification_id,"
          + " claimed_at) VALUES <foreach item='c' collection='claims' separator=','>"
          + "(#{c.idempotencyKey}, #{c.channel}, #{c.notificationId}, #{c.at})</foreach>"
          + " ON CONFLICT DO NOTHING RETURNING idempotency_key, channel</script>")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  List<ClaimedPair> claimDispatches(@Param("claims") List<DispatchClaim> claims);

  /** One dispatch claim of a batch. */
  record DispatchClaim(String idempotencyKey, String channel, String notificationId, Instant at) {}

  /** A pair a batch claim inserted. Column order matches the constructor. */
  record ClaimedPair(String idempotencyKey, String channel) {}

  @org.apache.ibatis.annotations.Delete(
      "DELETE FROM delivery.dispatch WHERE idempotency_key = #{key} AND channel = #{channel}"
          + " AND notification_id = #{notificationId}")
  int releaseDispatch(
      @Param("key") String key,
      @Param("channel") String channel,
      @Param("notificationId") String notificationId);

  @Insert(
      "INSERT INTO delivery.deferred (notification_id, release_at, event) VALUES (#{id},"
          + " #{releaseAt}, #{event}) ON CONFLICT (notification_id) DO UPDATE SET release_at ="
          + " EXCLUDED.release_at, event = EXCLUDED.event")
  void defer(
      @Param("id") String notificationId,
      @Param("releaseAt") Instant releaseAt,
      @Param("event") byte[] event);

  @Select(
      "SELECT notification_id, event FROM delivery.deferred WHERE release_at <= #{now}"
          + " ORDER BY release_at LIMIT #{limit} FOR UPDATE SKIP LOCKED")
  List<DeferredRow> due(@Param("now") Instant now, @Param("limit") int limit);

  @org.apache.ibatis.annotations.Delete(
      "<script>DELETE FROM delivery.deferred WHERE notification_id IN <foreach item='id'"
          + " collection='ids' open='(' separator=',' close=')'>#{id}</foreach></script>")
  int deleteDeferred(@Param("ids") List<String> ids);

  /** A deferred notification's id and encoded event. */
  record DeferredRow(String notificationId, byte[] event) {}

  @Insert(
      "INSERT INTO delivery.dead_letter (kind, message_id, routing_key, queue, reason, attempts,"
          + " failed_at, received_at, body, customer_id, notification_id) VALUES (#{d.kind},"
          + " #{d.messageId}, #{d.routingKey}, #{d.queue}, #{d.reason}, #{d.attempts},"
          + " #{d.failedAt}, #{d.receivedAt}, #{d.body}, #{d.customerId}, #{d.notificationId})")
  void insertDeadLetter(@Param("d") DeadLetterRecord deadLetter);

  String DEAD_LETTER_COLUMNS =
      "id, kind, message_id, routing_key, queue, reason, attempts, failed_at, received_at, body,"
          + " customer_id, notification_id, replay_count, last_replayed_at";

  @Select(
      "SELECT "
          + DEAD_LETTER_COLUMNS
          + " FROM delivery.dead_letter WHERE (#{kind}::text IS NULL OR kind = #{kind})"
          + " ORDER BY id DESC LIMIT #{limit}")
  List<DeadLetterRecord> deadLetters(@Param("kind") String kind, @Param("limit") int limit);

  @Select("SELECT " + DEAD_LETTER_COLUMNS + " FROM delivery.dead_letter WHERE id = #{id}")
  List<DeadLetterRecord> deadLetter(@Param("id") long id);

  @Update(
      "UPDATE delivery.dead_letter SET replay_count = replay_count + 1, last_replayed_at = #{now}"
          + " WHERE id = #{id}")
  int markReplayed(@Param("id") long id, @Param("now") Instant now);

  @Select(
      "SELECT notification_id FROM delivery.attempt WHERE provider = #{provider}"
          + " AND provider_message_id = #{messageId} LIMIT 1")
  List<String> notificationOf(
      @Param("provider") String provider, @Param("messageId") String messageId);

  @Insert(
      "INSERT INTO delivery.status_event (notification_id, provider, provider_message_id, status,"
          + " error_code, detail, occurred_at, received_at) VALUES (#{id}, #{provider},"
          + " #{messageId}, #{status}, #{errorCode}, #{detail}, #{occurredAt}, #{now})"
          + " ON CONFLICT (notification_id, provider, status) DO NOTHING")
  int insertStatusEvent(
      @Param("id") String notificationId,
      @Param("provider") String provider,
      @Param("messageId") String messageId,
      @Param("status") String status,
      @Param("errorCode") String errorCode,
      @Param("detail") String detail,
      @Param("occurredAt") Instant occurredAt,
      @Param("now") Instant now);

  @Update(
      "UPDATE delivery.notification SET status = #{status}, status_reason = #{reason},"
          + " channel = #{channel}, updated_at = #{now} WHERE notification_id = #{id}")
  int updateStatus(
      @Param("id") String id,
      @Param("status") String status,
      @Param("reason") String reason,
      @Param("channel") String channel,
      @Param("now") Instant now);

  /**
   * The job's outcome in one round trip: its provider attempts (if any) and its status. Returns the
   * number of notification rows updated.
   */
  @Update(
      "<script><if test='attempts.size() > 0'>WITH inserted AS (INSERT INTO delivery.attempt"
          + " (notification_id, channel, provider, outcome, provider_message_id, error_code,"
          + " error_message, latency_ms, attempted_at) VALUES <foreach item='a'"
          + " collection='attempts' separator=','>(#{id}, #{a.channel}, #{a.provider},"
          + " #{a.outcome}, #{a.providerMessageId}, #{a.errorCode}, #{a.errorMessage},"
          + " #{a.latencyMs}, #{a.attemptedAt})</foreach>) </if>"
          + "UPDATE delivery.notification SET status = #{status}, status_reason = #{reason},"
          + " channel = #{channel}, updated_at = #{now} WHERE notification_id = #{id}</script>")
  int finish(
      @Param("id") String id,
      @Param("attempts") List<AttemptRecord> attempts,
      @Param("status") String status,
      @Param("reason") String reason,
      @Param("channel") String channel,
      @Param("now") Instant now);

  @Insert(
      "INSERT INTO delivery.attempt (notification_id, channel, provider, outcome,"
          + " provider_message_id, error_code, error_message, latency_ms, attempted_at)"
          + " VALUES (#{id}, #{a.channel}, #{a.provider}, #{a.outcome}, #{a.providerMessageId},"
          + " #{a.errorCode}, #{a.errorMessage}, #{a.latencyMs}, #{a.attemptedAt})")
  void insertAttempt(@Param("id") String notificationId, @Param("a") AttemptRecord attempt);

  String NOTIFICATION_COLUMNS =
      "notification_id, customer_id, category, template_key, idempotency_key, status,"
          + " status_reason, channel, requested_at, updated_at";

  @Select(
      "SELECT "
          + NOTIFICATION_COLUMNS
          + " FROM delivery.notification WHERE notification_id = #{id}")
  List<NotificationRow> find(@Param("id") String id);

  @Select(
      "SELECT "
          + NOTIFICATION_COLUMNS
          + " FROM delivery.notification WHERE customer_id = #{customerId}"
          + " ORDER BY created_at DESC, notification_id LIMIT #{limit}")
  List<NotificationRow> forCustomer(
      @Param("customerId") String customerId, @Param("limit") int limit);

  @Select(
      "SELECT channel, provider, outcome, provider_message_id, error_code, error_message,"
          + " latency_ms, attempted_at FROM delivery.attempt WHERE notification_id = #{id}"
          + " ORDER BY id")
  List<AttemptRecord> attempts(@Param("id") String notificationId);

  /** Column order matches the constructor: MyBatis maps by position. */
  record NotificationRow(
      String notificationId,
      String customerId,
      String category,
      String templateKey,
      String idempotencyKey,
      String status,
      String statusReason,
      String channel,
      Instant requestedAt,
      Instant updatedAt) {}
}
