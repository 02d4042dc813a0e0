package io.kilowatch.rules.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a rule watches, by its wire name. Each kind has its own condition record (see {@link
 * RuleCondition}); new kinds (projected cost, price above/below with hysteresis, outage, bill due)
 * add a constant here and a record there.
 */
public enum RuleKind {
  /** The day's energy use of a meter reaches a threshold. */
  DAILY_USAGE_ABOVE("daily-usage-above");

  private final String wireName;

  RuleKind(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in the HTTP API and the database, e.g. {@code daily-usage-above}. */
  public String wireName() {
    return wireName;
  }

  /** The kind with this wire name, if there is one. */
  public static Optional<RuleKind> fromWire(String name) {
    return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
  }
}
