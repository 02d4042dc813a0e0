package io.kilowatch.events.notification;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Someone (a customer's rule, a retailer's system) asked for one customer to be told something.
 * Delivery decides whether, when and by which channel.
 *
 * @param notificationId unique id of this notification
 * @param customerId the recipient
 * @param category what it is about; selects purpose, channels and template
 * @param priority critical may bypass quiet hours
 * @param templateKey which template renders it, e.g. {@code usage.daily-threshold-crossed}
 * @param idempotencyKey deterministic for the cause (rule + window, or caller's key): the same key
 *     is delivered at most once per channel
 * @param data template variables; plain strings, already formatted values keep their units
 * @param requestedAt when the cause happened
 */
public record NotificationRequested(
    String notificationId,
    String customerId,
    NotificationCategory category,
    NotificationPriority priority,
    String templateKey,
    String idempotencyKey,
    Map<String, String> data,
    Instant requestedAt) {
  public NotificationRequested {
    Objects.requireNonNull(notificationId, "notificationId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(templateKey, "templateKey");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(requestedAt, "requestedAt");
    data = data == null ? Map.of() : Map.copyOf(data);
  }
}
