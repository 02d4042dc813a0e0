package io.kilowatch.rules.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * A daily usage rule fired: the customer is to be told once for this rule and day.
 *
 * @param notificationId id of the notification to request, recorded with the firing
 * @param ruleId the rule that fired
 * @param customerId the rule's owner
 * @param meterId the meter whose usage crossed the threshold
 * @param windowStart start of the day's window
 * @param day the day, in the customer's zone
 * @param thresholdWh the rule's threshold
 * @param usageWh the day's usage when it fired
 * @param asOf when the usage total was computed
 */
public record ThresholdCrossed(
    UUID notificationId,
    UUID ruleId,
    String customerId,
    String meterId,
    Instant windowStart,
    LocalDate day,
    long thresholdWh,
    long usageWh,
    Instant asOf) {
  public ThresholdCrossed {
    Objects.requireNonNull(notificationId, "notificationId");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(asOf, "asOf");
  }

  /** Deterministic for the cause, so delivery sends one message per rule and day at most. */
  public String idempotencyKey() {
    return "rule:" + ruleId + ":" + windowStart;
  }
}
