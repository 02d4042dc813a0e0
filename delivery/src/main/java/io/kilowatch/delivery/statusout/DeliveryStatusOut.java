package io.kilowatch.delivery.statusout;

import io.kilowatch.channel.SendResult;
import io.kilowatch.delivery.domain.DeliveryJob;
import io.kilowatch.delivery.domain.DeliveryStatus;
import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.notification.DeliveryStatusChanged;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.platform.messaging.Outbox;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;

/**
 * Publishes {@code notification.delivery-status-changed.v1} through the outbox whenever a
 * notification's status changes: when the delivery route records its outcome, and when a provider
 * report moves it forward. Joins the caller's transaction (the status change and its event commit
 * together); opens one if there is none. Thread-safe.
 */
@Singleton
public class DeliveryStatusOut {
  static final String SOURCE = "/kilowatch/delivery";

  private final Outbox outbox;
  private final TransactionOperations<Connection> transactions;

  DeliveryStatusOut(Outbox outbox, TransactionOperations<Connection> transactions) {
    this.outbox = outbox;
    this.transactions = transactions;
  }

  /**
   * The delivery route recorded the job's outcome. Publishes nothing for a job that did not create
   * the notification's record (a redelivered event) or that is still {@code requested}.
   */
  public void recorded(DeliveryJob job, Instant at) {
    if (!job.isAccepted() || job.status() == DeliveryStatus.REQUESTED) {
      return;
    }
    var request = job.request();
    String provider = null;
    String providerMessageId = null;
    if (!job.attempts().isEmpty()) {
      DeliveryJob.Attempt last = job.attempts().get(job.attempts().size() - 1);
      provider = last.provider();
      if (last.result() instanceof SendResult.Accepted accepted) {
        providerMessageId = accepted.providerMessageId();
      }
    }
    publish(
        new DeliveryStatusChanged(
            request.notificationId(),
            request.customerId(),
            request.category(),
            request.templateKey(),
            job.status().wireName(),
            job.reason(),
            job.channel() == null ? null : job.channel().wireName(),
            provider,
            providerMessageId,
            at));
  }

  /** A provider's report moved the notification to {@code status}. */
  public void reported(
      String notificationId,
      String customerId,
      String category,
      String templateKey,
      DeliveryStatus status,
      String reason,
      String channel,
      String provider,
      String providerMessageId,
      Instant occurredAt) {
    publish(
        new DeliveryStatusChanged(
            notificationId,
            customerId,
            NotificationCategory.fromWire(category),
            templateKey,
            status.wireName(),
            reason,
            channel,
            provider,
            providerMessageId,
            occurredAt));
  }

  private void publish(DeliveryStatusChanged change) {
    EventEnvelope<DeliveryStatusChanged> event =
        EventEnvelope.of(
            EventTypes.DELIVERY_STATUS_CHANGED,
            SOURCE,
            change.occurredAt(),
            "customer/" + change.customerId(),
            change);
    transactions.executeWrite(
        status -> {
          outbox.append(event);
          return null;
        });
  }
}
