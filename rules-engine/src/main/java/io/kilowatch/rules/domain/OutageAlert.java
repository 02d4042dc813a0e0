package io.kilowatch.rules.domain;

/**
 * Tells the customer about suspected and cleared outages in {@code region}, or at the rule's meter
 * when it names one. Outage notifications are critical.
 *
 * @param region the region watched (for a rule on one meter: that meter's region)
 */
public record OutageAlert(String region) implements RuleCondition {
  public OutageAlert {
    Regions.requireName(region, "region");
  }

  @Override
  public RuleKind kind() {
    return RuleKind.OUTAGE;
  }
}
