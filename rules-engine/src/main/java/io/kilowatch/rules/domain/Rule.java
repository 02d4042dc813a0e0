package io.kilowatch.rules.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A customer's rule: notify me when {@code condition} holds for {@code meterId} (or for any of my
 * meters when it is null). Immutable.
 *
 * @param id the rule's id
 * @param customerId the customer who owns the rule and is notified
 * @param meterId the one meter the rule watches; null for all the customer's meters (and for kinds
 *     that do not watch meters)
 * @param condition what the rule fires on; its kind is the rule's kind
 * @param channels the channels the customer prefers for this rule; empty for "use my preferences"
 * @param cooldown how often the rule may notify at most
 * @param active inactive rules never fire
 * @param revision counts the rule's changes; work prepared from an older revision is discarded
 * @param createdAt when the rule was created
 * @param updatedAt when the rule last changed
 */
public record Rule(
    UUID id,
    String customerId,
    String meterId,
    RuleCondition condition,
    List<Channel> channels,
    Cooldown cooldown,
    boolean active,
    int revision,
    Instant createdAt,
    Instant updatedAt) {
  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(condition, "condition");
    channels = List.copyOf(channels);
    Objects.requireNonNull(cooldown, "cooldown");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (meterId != null && !condition.kind().watchesMeters()) {
      throw new IllegalArgumentException(condition.kind().wireName() + " rules watch no meter");
    }
  }

  /** A new, active rule at its first revision. */
  public static Rule create(
      UUID id,
      String customerId,
      String meterId,
      RuleCondition condition,
      List<Channel> channels,
      Cooldown cooldown,
      Instant now) {
    return new Rule(id, customerId, meterId, condition, channels, cooldown, true, 1, now, now);
  }

  public RuleKind kind() {
    return condition.kind();
  }

  public AlertCategory category() {
    return condition.kind().category();
  }

  /** True when the rule watches this meter: its own meter, or every meter when it names none. */
  public boolean covers(String meter) {
    return meterId == null || meterId.equals(meter);
  }

  /**
   * The rule with the changes applied; null arguments keep what the rule has. A new condition or a
   * change of {@code active} makes a new revision (the rule is armed afresh); channels and cooldown
   * alone do not.
   */
  public Rule changed(
      Boolean newActive,
      RuleCondition newCondition,
      List<Channel> newChannels,
      Cooldown newCooldown,
      Instant now) {
    if (newCondition != null && newCondition.kind() != kind()) {
      throw new IllegalArgumentException("a rule keeps its kind");
    }
    boolean rearms = newCondition != null || (newActive != null && newActive != active);
    return new Rule(
        id,
        customerId,
        meterId,
        newCondition == null ? condition : newCondition,
        newChannels == null ? channels : newChannels,
        newCooldown == null ? cooldown : newCooldown,
        newActive == null ? active : newActive,
        rearms ? revision + 1 : revision,
        createdAt,
        now);
  }
}
