package io.kilowatch.rules.domain;

/**
 * Fires when the billing period's energy use so far reaches {@code thresholdWh}, once per period.
 *
 * @param thresholdWh the threshold in watt-hours, positive
 */
public record BillingPeriodUsageAbove(long thresholdWh) implements RuleCondition {
  public BillingPeriodUsageAbove {
    if (thresholdWh <= 0) {
      throw new IllegalArgumentException("thresholdWh must be positive");
    }
  }

  @Override
  public RuleKind kind() {
    return RuleKind.BILLING_PERIOD_USAGE_ABOVE;
  }
}
