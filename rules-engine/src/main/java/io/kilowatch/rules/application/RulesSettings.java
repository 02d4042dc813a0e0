package io.kilowatch.rules.application;

import io.micronaut.context.annotation.ConfigurationProperties;

/** The rules engine's settings ({@code kilowatch.rules.*}). */
@ConfigurationProperties("kilowatch.rules")
public class RulesSettings {
  private int maxRulesPerCustomer = 50;
  private int usageWindowConsumers = 1;

  /** How many rules one customer may have; creating one more is refused with 422. */
  public int getMaxRulesPerCustomer() {
    return maxRulesPerCustomer;
  }

  public void setMaxRulesPerCustomer(int maxRulesPerCustomer) {
    if (maxRulesPerCustomer < 1) {
      throw new IllegalArgumentException("kilowatch.rules.max-rules-per-customer must be >= 1");
    }
    this.maxRulesPerCustomer = maxRulesPerCustomer;
  }

  /** Parallel consumers of usage window events on this instance. */
  public int getUsageWindowConsumers() {
    return usageWindowConsumers;
  }

  public void setUsageWindowConsumers(int usageWindowConsumers) {
    if (usageWindowConsumers < 1) {
      throw new IllegalArgumentException("kilowatch.rules.usage-window-consumers must be >= 1");
    }
    this.usageWindowConsumers = usageWindowConsumers;
  }
}
