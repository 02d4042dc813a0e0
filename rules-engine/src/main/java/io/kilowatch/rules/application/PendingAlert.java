package io.kilowatch.rules.application;

import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.rules.domain.Rule;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A rule has a cause to notify: what {@link AlertDispatcher} turns into a {@code
 * NotificationRequested}, once per rule and cause and within the rule's cooldown.
 *
 * @param rule the rule
 * @param cause what it fires for, unique per rule: {@code week:<start>}, {@code
 *     outage-suspected:<id>}; also the idempotency key's tail
 * @param at when the cause happened; cooldowns count from it and it is the notification's time
 * @param templateKey the template
 * @param priority critical may bypass quiet hours
 * @param data the template's variables
 * @param ledger true to record the cause in {@code rules.rule_notification}; false when the caller
 *     has recorded it already (daily firings)
 * @param notificationId the notification's id when the caller has chosen it already, else null
 * @param followUp true for the second half of something the customer was told (an outage cleared
 *     after they were told of its suspicion): never held back by the cooldown, since a customer
 *     told of a power cut must hear that it is over
 */
public record PendingAlert(
    Rule rule,
    String cause,
    Instant at,
    String templateKey,
    NotificationPriority priority,
    Map<String, String> data,
    boolean ledger,
    UUID notificationId,
    boolean followUp) {
  public PendingAlert {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(templateKey, "templateKey");
    Objects.requireNonNull(priority, "priority");
    data = Map.copyOf(data);
  }

  public static PendingAlert of(
      Rule rule, String cause, Instant at, String templateKey, Map<String, String> data) {
    return new PendingAlert(
        rule, cause, at, templateKey, NotificationPriority.NORMAL, data, true, null, false);
  }

  public PendingAlert critical() {
    return new PendingAlert(
        rule,
        cause,
        at,
        templateKey,
        NotificationPriority.CRITICAL,
        data,
        ledger,
        notificationId,
        followUp);
  }

  /** The same alert as a follow-up, which the rule's cooldown never holds back. */
  public PendingAlert asFollowUp() {
    return new PendingAlert(
        rule, cause, at, templateKey, priority, data, ledger, notificationId, true);
  }

  /** Deterministic for the cause: delivery sends one message per key and channel at most. */
  public String idempotencyKey() {
    return RequestedNotifications.idempotencyKey(rule.id(), cause);
  }
}
