package io.kilowatch.events.pricing;

import io.kilowatch.events.Decimals;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Tomorrow's prices of a region (and optionally one tariff) are known, interval by interval.
 *
 * @param region supply region, e.g. {@code GB-LON}
 * @param tariff the tariff these prices are for; null for the region's reference price
 * @param day the market day the intervals cover, in {@code timeZone}
 * @param timeZone IANA zone of the market day, e.g. {@code Europe/London}
 * @param currency ISO 4217 code of the major currency
 * @param intervals the day's intervals, ordered by start, not overlapping
 */
public record DayAheadPricesPublished(
    String region,
    String tariff,
    LocalDate day,
    String timeZone,
    String currency,
    List<Interval> intervals) {
  public DayAheadPricesPublished {
    Decimals.requireText(region, "region");
    if (tariff != null) {
      Decimals.requireText(tariff, "tariff");
    }
    Objects.requireNonNull(day, "day");
    Decimals.requireText(timeZone, "timeZone");
    Decimals.requireCurrency(currency);
    Objects.requireNonNull(intervals, "intervals");
    intervals = List.copyOf(intervals);
    if (intervals.isEmpty()) {
      throw new IllegalArgumentException("intervals must not be empty");
    }
    for (int i = 1; i < intervals.size(); i++) {
      if (intervals.get(i).start().isBefore(intervals.get(i - 1).end())) {
        throw new IllegalArgumentException("intervals must be ordered by start and not overlap");
      }
    }
  }

  /**
   * One interval's price.
   *
   * @param start inclusive start, UTC
   * @param end exclusive end, UTC
   * @param price minor currency unit per kWh, plain decimal string, may be negative
   */
  public record Interval(Instant start, Instant end, String price) {
    public Interval {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      Decimals.requirePlain(price, "price");
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("interval end must be after its start");
      }
    }
  }
}
