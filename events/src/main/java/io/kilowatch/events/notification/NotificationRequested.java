package io.kilowatch.events.notification;

import java.time.Instant;
import java.util.List;
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
 * @param channels channels the requester prefers, in order ({@code sms}, {@code email}, {@code
 *     push}, {@code webhook}); empty means "use the customer's preferences". Delivery still only
 *     uses channels the customer has consented to and verified, and never one they opted out of.
 *     Added to v1 later: a message without it means empty.
 */
public record NotificationRequested(
    String notificationId,
    String customerId,
    NotificationCategory category,
    NotificationPriority priority,
    String templateKey,
    String idempotencyKey,
    Map<String, String> data,
    Instant requestedAt,
    List<String> channels) {
  public NotificationRequested {
    Objects.requireNonNull(notificationId, "notificationId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(templateKey, "templateKey");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(requestedAt, "requestedAt");
    data = data == null ? Map.of() : Map.copyOf(data);
    channels = channels == null ? List.of() : List.copyOf(channels);
    for (String channel : channels) {
      if (!CHANNELS.contains(channel)) {
        throw new IllegalArgumentException(
            "channels: '" + channel + "' is not one of " + String.join(", ", CHANNELS));
      }
    }
    if (channels.size() != channels.stream().distinct().count()) {
      throw new IllegalArgumentException("channels: a channel is named twice");
    }
  }

  /** The channel names a request may prefer. */
  public static final List<String> CHANNELS = List.of("sms", "email", "push", "webhook");

  /** A request that leaves the choice of channels to the customer's preferences. */
  public NotificationRequested(
      String notificationId,
      String customerId,
      NotificationCategory category,
      NotificationPriority priority,
      String templateKey,
      String idempotencyKey,
      Map<String, String> data,
      Instant requestedAt) {
    this(
        notificationId,
        customerId,
        category,
        priority,
        templateKey,
        idempotencyKey,
        data,
        requestedAt,
        List.of());
  }
}
