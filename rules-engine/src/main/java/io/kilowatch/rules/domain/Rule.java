package io.kilowatch.rules.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A customer's rule: notify me when {@code condition} holds for {@code meterId} (or for any of my
 * meters when it is null). Immutable.
 *
 * @param id the rule's id
 * @param customerId the customer who owns the rule and is notified
 * @param meterId the one meter the rule watches; null for all the customer's meters
 * @param condition what the rule fires on; its kind is the rule's kind
 * @param active inactive rules never fire
 * @param createdAt when the rule was created
 * @param updatedAt when the rule last changed
 */
public record Rule(
    UUID id,
    String customerId,
    String meterId,
    RuleCondition condition,
    boolean active,
    Instant createdAt,
    Instant updatedAt) {
  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public RuleKind kind() {
    return condition.kind();
  }

  /** True when the rule watches this meter: its own meter, or every meter when it names none. */
  public boolean covers(String meter) {
    return meterId == null || meterId.equals(meter);
  }

  public Rule withActive(boolean newActive, Instant now) {
    return new Rule(id, customerId, meterId, condition, newActive, createdAt, now);
  }

  public Rule withCondition(RuleCondition newCondition, Instant now) {
    if (newCondition.kind() != kind()) {
      throw new IllegalArgumentException("a rule keeps its kind");
    }
    return new Rule(id, customerId, meterId, newCondition, active, createdAt, now);
  }
}
