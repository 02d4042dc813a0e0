package io.kilowatch.rules.domain;

/**
 * Fires when a week's energy use (Monday 00:00 to Monday 00:00 in the customer's zone) reaches
 * {@code thresholdWh}, once per week.
 *
 * @param thresholdWh the threshold in watt-hours, positive
 */
public record WeeklyUsageAbove(long thresholdWh) implements RuleCondition {
  public WeeklyUsageAbove {
    if (thresholdWh <= 0) {
      throw new IllegalArgumentException("thresholdWh must be positive");
    }
  }

  @Override
  public RuleKind kind() {
    return RuleKind.WEEKLY_USAGE_ABOVE;
  }
}
