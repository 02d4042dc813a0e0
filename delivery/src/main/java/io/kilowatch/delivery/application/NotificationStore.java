package io.kilowatch.delivery.application;

import io.kilowatch.delivery.domain.DeliveryJob;
import io.kilowatch.delivery.domain.DeliveryStatus;
import io.kilowatch.events.notification.NotificationRequested;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persistence port of delivery records. Calls join the caller's transaction unless stated. */
public interface NotificationStore {
  /**
   * Records a new notification as requested; false if its id is already known. Holds {@link
   * #awaitWriter}'s lock on the id until the caller's transaction ends.
   */
  boolean accept(NotificationRequested request, Instant now);

  /**
   * Waits until no other transaction is writing this notification's record (its delivery), and
   * keeps others out until the caller's transaction ends: a provider report that arrives while the
   * delivery transaction that made the provider call is still open waits for it to commit instead
   * of finding no record.
   */
  void awaitWriter(String notificationId);

  /**
   * Claims the right to call a provider for (idempotency key, channel) in its own transaction,
   * committed before returning, so the claim survives whatever happens to the caller's transaction.
   * True for the first claimant only.
   */
  boolean claimDispatch(String idempotencyKey, String channel, String notificationId, Instant now);

  /** Gives a claim back after no provider accepted the message, so a replay can send it. */
  void releaseDispatch(String idempotencyKey, String channel, String notificationId);

  void storeDeadLetter(DeadLetterRecord deadLetter);

  /** Keeps a deferred notification (its encoded event) until {@code releaseAt}. */
  void defer(String notificationId, Instant releaseAt, byte[] event);

  /** Takes up to {@code limit} deferred notifications due at {@code now}, removing them. */
  List<byte[]> takeDue(Instant now, int limit);

  List<DeadLetterRecord> deadLetters(String kind, int limit);

  Optional<DeadLetterRecord> deadLetter(long id);

  void markReplayed(long id, Instant now);

  /** The notification a provider's message id belongs to. */
  Optional<String> notificationOf(String provider, String providerMessageId);

  /** Records a provider report once; false if the same report was recorded before. */
  boolean recordStatusEvent(
      String notificationId,
      String provider,
      String providerMessageId,
      String status,
      String errorCode,
      String detail,
      Instant occurredAt,
      Instant now);

  /** Sets the notification's status (the caller has checked that it supersedes the old one). */
  void updateStatus(String notificationId, DeliveryStatus status, String reason, Instant now);

  /** Stores the job's final status and every provider attempt it made. */
  void finish(DeliveryJob job, Instant now);

  Optional<NotificationRecord> find(String notificationId);

  List<NotificationRecord> forCustomer(String customerId, int limit);

  List<AttemptRecord> attempts(String notificationId);

  /** A notification as recorded. */
  record NotificationRecord(
      String notificationId,
      String customerId,
      String category,
      String templateKey,
      String idempotencyKey,
      DeliveryStatus status,
      String statusReason,
      String channel,
      Instant requestedAt,
      Instant updatedAt) {}

  /**
   * Something delivery could not do: an event no consumer could process ({@code kind = event}) or a
   * notification no provider accepted ({@code kind = notification}). {@code body} is the event as
   * it was published, so a replay republishes it unchanged.
   */
  record DeadLetterRecord(
      Long id,
      String kind,
      String messageId,
      String routingKey,
      String queue,
      String reason,
      int attempts,
      Instant failedAt,
      Instant receivedAt,
      byte[] body,
      String customerId,
      String notificationId,
      int replayCount,
      Instant lastReplayedAt) {}

  /** One provider call as recorded. */
  record AttemptRecord(
      String channel,
      String provider,
      String outcome,
      String providerMessageId,
      String errorCode,
      String errorMessage,
      long latencyMs,
      Instant attemptedAt) {}
}
