package io.kilowatch.preference.adapter.out.messaging;

import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.platform.messaging.Outbox;
import io.kilowatch.preference.application.port.out.VerificationMessages;
import io.kilowatch.preference.domain.ContactPoint;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A verification code goes out as a {@code NotificationRequested} of category {@code account} with
 * template {@code contact.verification-code}, through the outbox in the caller's transaction.
 * Delivery sends it to exactly that contact point ({@code data.contactPointId}) while it is still
 * unverified. Thread-safe.
 */
@Singleton
class OutboxVerificationMessages implements VerificationMessages {
  static final String TEMPLATE_KEY = "account.verification-code";

  private final Outbox outbox;

  OutboxVerificationMessages(Outbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void send(ContactPoint point, String code, Instant expiresAt, Instant issuedAt) {
    long minutes = Math.max(1, Duration.between(issuedAt, expiresAt).toMinutes());
    var request =
        new NotificationRequested(
            UUID.randomUUID().toString(),
            point.customerId(),
            NotificationCategory.ACCOUNT,
            NotificationPriority.NORMAL,
            TEMPLATE_KEY,
            "contact-verification:" + point.id() + ":" + issuedAt.toEpochMilli(),
            Map.of(
                "code", code,
                "validMinutes", Long.toString(minutes),
                "contactPointId", point.id().toString()),
            issuedAt,
            List.of(point.channel().wireName()));
    outbox.append(
        EventEnvelope.of(
            EventTypes.NOTIFICATION_REQUESTED,
            "preference",
            issuedAt,
            "customer/" + point.customerId(),
            request));
  }
}
