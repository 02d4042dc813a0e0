package io.kilowatch.delivery.gdpr;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/**
 * Delivery's SQL for data-subject requests and retention. A person's records hang off their
 * notifications ({@code delivery.notification.customer_id}); dead letters and deferred messages are
 * also found by the person's identifiers in their stored body.
 */
interface DeliveryPersonalDataMapper {
  String IDS = "<foreach item='n' collection='ids' open='(' separator=',' close=')'>#{n}</foreach>";

  @Select(
      "SELECT notification_id FROM delivery.notification WHERE customer_id = #{customerId}"
          + " ORDER BY created_at")
  List<String> notificationIds(@Param("customerId") String customerId);

  @Select(
      "<script>SELECT idempotency_key || '|' || channel FROM delivery.dispatch"
          + " WHERE notification_id IN "
          + IDS
          + "</script>")
  List<String> dedupeKeys(@Param("ids") Collection<String> ids);

  @Select(
      "SELECT to_jsonb(n)::text FROM delivery.notification n WHERE n.customer_id = #{customerId}"
          + " ORDER BY n.created_at")
  List<String> notifications(@Param("customerId") String customerId);

  @Select(
      "<script>SELECT to_jsonb(a)::text FROM delivery.attempt a WHERE a.notification_id IN "
          + IDS
          + " ORDER BY a.id</script>")
  List<String> attempts(@Param("ids") Collection<String> ids);

  @Select(
      "<script>SELECT to_jsonb(s)::text FROM delivery.status_event s WHERE s.notification_id IN "
          + IDS
          + " ORDER BY s.id</script>")
  List<String> statusEvents(@Param("ids") Collection<String> ids);

  @Select(
      "<script>SELECT to_jsonb(d)::text FROM delivery.dispatch d WHERE d.notification_id IN "
          + IDS
          + "</script>")
  List<String> dispatches(@Param("ids") Collection<String> ids);

  /** Ids of dead letters about the person: by customer or notification, or naming them. */
  @Select(
      "<script>SELECT id FROM delivery.dead_letter WHERE customer_id = #{customerId}"
          + "<if test='!ids.isEmpty()'> OR notification_id IN "
          + IDS
          + "</if>"
          + "<foreach item='x' collection='needles'>"
          + " OR position(convert_to(#{x}, 'UTF8') in body) &gt; 0</foreach>"
          + " ORDER BY id</script>")
  List<Long> deadLetterIds(
      @Param("customerId") String customerId,
      @Param("ids") Collection<String> ids,
      @Param("needles") Collection<String> needles);

  @Select(
      "<script>SELECT json_build_object('id', d.id, 'kind', d.kind, 'routing_key', d.routing_key,"
          + " 'reason', d.reason, 'attempts', d.attempts, 'failed_at', d.failed_at,"
          + " 'received_at', d.received_at, 'notification_id', d.notification_id,"
          + " 'body', encode(d.body, 'escape'))::text FROM delivery.dead_letter d"
          + " WHERE d.id IN <foreach item='i' collection='ids' open='(' separator=','"
          + " close=')'>#{i}</foreach></script>")
  List<String> deadLetters(@Param("ids") Collection<Long> ids);

  @Select(
      "<script>SELECT notification_id FROM delivery.deferred WHERE false"
          + "<if test='!ids.isEmpty()'> OR notification_id IN "
          + IDS
          + "</if>"
          + "<foreach item='x' collection='needles'>"
          + " OR position(convert_to(#{x}, 'UTF8') in event) &gt; 0</foreach></script>")
  List<String> deferredIds(
      @Param("ids") Collection<String> ids, @Param("needles") Collection<String> needles);

  @Select(
      "<script>SELECT json_build_object('notification_id', d.notification_id, 'release_at',"
          + " d.release_at, 'event', encode(d.event, 'escape'))::text"
          + " FROM delivery.deferred d WHERE d.notification_id IN "
          + IDS
          + "</script>")
  List<String> deferred(@Param("ids") Collection<String> ids);

  /**
   * Stored trigger API answers (kept 24 h for Idempotency-Key replays) that name the person: their
   * customer id in quotes, or a notification of theirs.
   */
  @Select(
      "<script>SELECT json_build_object('api_key_id', t.api_key_id, 'idempotency_key',"
          + " t.idempotency_key, 'response_status', t.response_status, 'response_body',"
          + " t.response_body, 'created_at', t.created_at)::text FROM delivery.trigger_idempotency t"
          + " WHERE false<foreach item='x' collection='needles'>"
          + " OR position(#{x} in t.response_body) &gt; 0</foreach></script>")
  List<String> triggerResponses(@Param("needles") Collection<String> needles);

  @Delete(
      "<script>DELETE FROM delivery.trigger_idempotency WHERE false"
          + "<foreach item='x' collection='needles'>"
          + " OR position(#{x} in response_body) &gt; 0</foreach></script>")
  int deleteTriggerResponses(@Param("needles") Collection<String> needles);

  @Delete("<script>DELETE FROM delivery.attempt WHERE notification_id IN " + IDS + "</script>")
  int deleteAttempts(@Param("ids") Collection<String> ids);

  @Delete("<script>DELETE FROM delivery.status_event WHERE notification_id IN " + IDS + "</script>")
  int deleteStatusEvents(@Param("ids") Collection<String> ids);

  @Delete("<script>DELETE FROM delivery.dispatch WHERE notification_id IN " + IDS + "</script>")
  int deleteDispatches(@Param("ids") Collection<String> ids);

  @Delete("<script>DELETE FROM delivery.deferred WHERE notification_id IN " + IDS + "</script>")
  int deleteDeferred(@Param("ids") Collection<String> ids);

  @Delete("<script>DELETE FROM delivery.notification WHERE notification_id IN " + IDS + "</script>")
  int deleteNotifications(@Param("ids") Collection<String> ids);

  @Delete(
      "<script>DELETE FROM delivery.dead_letter WHERE id IN <foreach item='i' collection='ids'"
          + " open='(' separator=',' close=')'>#{i}</foreach></script>")
  int deleteDeadLetters(@Param("ids") Collection<Long> ids);

  /** The oldest expired notifications, locked for this instance. */
  @Select(
      "SELECT notification_id FROM delivery.notification WHERE created_at < #{cutoff}"
          + " ORDER BY created_at LIMIT #{limit} FOR UPDATE SKIP LOCKED")
  List<String> expiredNotifications(@Param("cutoff") Instant cutoff, @Param("limit") int limit);

  @Delete(
      "DELETE FROM delivery.dead_letter WHERE id IN (SELECT id FROM delivery.dead_letter"
          + " WHERE received_at < #{cutoff} LIMIT #{limit} FOR UPDATE SKIP LOCKED)")
  int deleteExpiredDeadLetters(@Param("cutoff") Instant cutoff, @Param("limit") int limit);
}
