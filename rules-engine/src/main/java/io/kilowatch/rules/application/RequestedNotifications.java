package io.kilowatch.rules.application;

import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.rules.domain.AlertCategory;
import io.kilowatch.rules.domain.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The rules engine's {@code NotificationRequested} envelopes, in one place. */
final class RequestedNotifications {
  static final String EVENT_SOURCE = "/kilowatch/rules-engine";

  private RequestedNotifications() {}

  /** {@code rule:<ruleId>:<cause>}: the same cause of the same rule always has the same key. */
  static String idempotencyKey(UUID ruleId, String cause) {
    return "rule:" + ruleId + ":" + cause;
  }

  static EventEnvelope<NotificationRequested> envelope(
      UUID notificationId,
      String customerId,
      AlertCategory category,
      NotificationPriority priority,
      String templateKey,
      String idempotencyKey,
      Map<String, String> data,
      Instant at,
      List<Channel> channels) {
    return EventEnvelope.of(
        EventTypes.NOTIFICATION_REQUESTED,
        EVENT_SOURCE,
        at,
        "customer/" + customerId,
        new NotificationRequested(
            notificationId.toString(),
            customerId,
            NotificationCategory.valueOf(category.name()),
            priority,
            templateKey,
            idempotencyKey,
            data,
            at,
            wireNames(channels)));
  }

  /**
   * The rule's preferred channels as {@code NotificationRequested} names them, in the customer's
   * order; empty (the customer's channel preferences) when the rule names none.
   */
  static List<String> wireNames(List<Channel> channels) {
    return channels.stream().map(Channel::wireName).distinct().toList();
  }

  static EventEnvelope<NotificationRequested> envelope(UUID notificationId, PendingAlert alert) {
    return envelope(
        notificationId,
        alert.rule().customerId(),
        alert.rule().category(),
        alert.priority(),
        alert.templateKey(),
        alert.idempotencyKey(),
        alert.data(),
        alert.at(),
        alert.rule().channels());
  }
}
