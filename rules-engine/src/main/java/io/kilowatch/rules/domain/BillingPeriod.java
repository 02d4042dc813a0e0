package io.kilowatch.rules.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;

/**
 * A customer's billing period as billing told us: from {@code start} to {@code end}, both days
 * inclusive, in the customer's zone.
 */
public record BillingPeriod(LocalDate start, LocalDate end) {
  public BillingPeriod {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("end must not be before start");
    }
  }

  public boolean contains(LocalDate day) {
    return !day.isBefore(start) && !day.isAfter(end);
  }

  /** The calendar month of {@code day}: the period assumed while billing has told us none. */
  public static BillingPeriod calendarMonthOf(LocalDate day) {
    YearMonth month = YearMonth.from(day);
    return new BillingPeriod(month.atDay(1), month.atEndOfMonth());
  }

  /**
   * The period containing {@code day}: this one when it does, else the monthly cycle that starts on
   * this period's day of the month (billing periods are monthly), so that a day shortly after the
   * known period lands in the next one before billing has published it.
   */
  public BillingPeriod periodOf(LocalDate day) {
    if (contains(day)) {
      return this;
    }
    int anchor = start.getDayOfMonth();
    YearMonth month = YearMonth.from(day);
    LocalDate cycleStart = anchoredStart(month, anchor);
    if (day.isBefore(cycleStart)) {
      cycleStart = anchoredStart(month.minusMonths(1), anchor);
    }
    LocalDate next = anchoredStart(YearMonth.from(cycleStart).plusMonths(1), anchor);
    return new BillingPeriod(cycleStart, next.minusDays(1));
  }

  private static LocalDate anchoredStart(YearMonth month, int anchor) {
    return month.atDay(Math.min(anchor, month.lengthOfMonth()));
  }
}
