package io.kilowatch.rules.domain;

/**
 * The total use of the days we know in a span, and how many days that is. As a customer's own usual
 * daily use (the baseline) the span is the {@value #LOOKBACK_DAYS} days before the day in question;
 * a baseline of fewer than {@value #MIN_DAYS} days, or of nothing used, is not established and
 * never fires. Weekly and billing-period rules use the same totals over their own (longer) spans,
 * so the number of days is not bounded by the look-back.
 *
 * @param totalWh energy of the known days
 * @param days how many days are known
 */
public record UsageBaseline(long totalWh, int days) {
  public static final int LOOKBACK_DAYS = 7;
  public static final int MIN_DAYS = 3;

  public UsageBaseline {
    if (totalWh < 0 || days < 0) {
      throw new IllegalArgumentException("baseline out of range");
    }
  }

  public boolean isEstablished() {
    return days >= MIN_DAYS && totalWh > 0;
  }

  /** The average day, rounded half up to whole watt-hours. */
  public long averageWh() {
    return days == 0 ? 0 : (totalWh + days / 2) / days;
  }

  /**
   * True when {@code dayWh} is at least {@code percent} per cent above the average, compared
   * exactly in whole numbers: {@code dayWh * 100 * days >= totalWh * (100 + percent)}.
   */
  public boolean isExceededBy(long dayWh, int percent) {
    return isEstablished()
        && Math.multiplyExact(Math.multiplyExact(dayWh, 100L), days)
            >= Math.multiplyExact(totalWh, 100L + percent);
  }
}
