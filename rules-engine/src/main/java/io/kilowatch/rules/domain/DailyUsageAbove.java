package io.kilowatch.rules.domain;

/**
 * Fires when a day's energy use reaches {@code thresholdWh} (at or above).
 *
 * @param thresholdWh the threshold in watt-hours, positive
 */
public record DailyUsageAbove(long thresholdWh) implements RuleCondition {
  public DailyUsageAbove {
    if (thresholdWh <= 0) {
      throw new IllegalArgumentException("thresholdWh must be positive");
    }
  }

  @Override
  public RuleKind kind() {
    return RuleKind.DAILY_USAGE_ABOVE;
  }
}
