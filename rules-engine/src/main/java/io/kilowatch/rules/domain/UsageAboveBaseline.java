package io.kilowatch.rules.domain;

/**
 * Fires when a day's energy use is at least {@code percent} per cent above the customer's own
 * baseline (see {@link UsageBaseline}), once per day.
 *
 * @param percent how far above the baseline, {@value #MIN_PERCENT} to {@value #MAX_PERCENT}
 */
public record UsageAboveBaseline(int percent) implements RuleCondition {
  public static final int MIN_PERCENT = 10;
  public static final int MAX_PERCENT = 1000;

  public UsageAboveBaseline {
    if (percent < MIN_PERCENT || percent > MAX_PERCENT) {
      throw new IllegalArgumentException(
          "percent must be between " + MIN_PERCENT + " and " + MAX_PERCENT);
    }
  }

  @Override
  public RuleKind kind() {
    return RuleKind.USAGE_ABOVE_BASELINE;
  }
}
