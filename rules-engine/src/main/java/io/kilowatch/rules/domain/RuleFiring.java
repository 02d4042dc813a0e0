package io.kilowatch.rules.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A rule fired for one window: the record that makes one crossing notify once.
 *
 * @param ruleId the rule
 * @param windowStart the window the rule fired for (a day for daily rules)
 * @param firedAt when it fired
 * @param notificationId the notification requested for it
 */
public record RuleFiring(UUID ruleId, Instant windowStart, Instant firedAt, UUID notificationId) {
  public RuleFiring {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(firedAt, "firedAt");
    Objects.requireNonNull(notificationId, "notificationId");
  }
}
