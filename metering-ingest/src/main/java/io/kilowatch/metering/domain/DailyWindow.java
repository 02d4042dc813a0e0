package io.kilowatch.metering.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One local calendar day of a zone as a half-open interval of instants: from the day's first
 * instant (usually local midnight) inclusive to the next day's first instant exclusive. Such a day
 * lasts 23 or 25 hours when the clocks change. Immutable.
 *
 * <p>A reading belongs to the window that contains its whole interval. A reading's timestamp is the
 * <em>end</em> of its interval, so the window of a reading is the day {@code D} with {@code
 * start(D) < timestamp <= end(D)}: a reading stamped exactly at local midnight closes the previous
 * day.
 *
 * @param day the local date
 * @param start first instant of the day, inclusive
 * @param end first instant of the next day, exclusive
 */
public record DailyWindow(LocalDate day, Instant start, Instant end) {
  /** ISO-8601 duration naming this granularity in events. */
  public static final String GRANULARITY = "P1D";

  public DailyWindow {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("end must be after start");
    }
  }

  /** The local day {@code day} of {@code zone}. */
  public static DailyWindow of(LocalDate day, ZoneId zone) {
    return new DailyWindow(day, startOf(day, zone), startOf(day.plusDays(1), zone));
  }

  /** The window of the reading whose interval ends at {@code readingEnd}. */
  public static DailyWindow ofReadingEndingAt(Instant readingEnd, ZoneId zone) {
    LocalDate day = LocalDate.ofInstant(readingEnd, zone);
    if (!readingEnd.isAfter(startOf(day, zone))) {
      day = day.minusDays(1);
    }
    return of(day, zone);
  }

  /** Length of the window, e.g. 23, 24 or 25 hours in Europe/London. */
  public Duration length() {
    return Duration.between(start, end);
  }

  // atStartOfDay(zone) also handles zones whose clocks skip midnight itself
  private static Instant startOf(LocalDate day, ZoneId zone) {
    return day.atStartOfDay(zone).toInstant();
  }
}
