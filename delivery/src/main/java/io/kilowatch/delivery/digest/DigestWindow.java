package io.kilowatch.delivery.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * When a category's digest windows close: every fixed period (an ISO-8601 duration such as {@code
 * PT24H}, windows aligned to the epoch in UTC) or once a day at a local time of the customer's zone
 * (such as {@code 08:00}). Immutable.
 */
public final class DigestWindow {
  private static final Duration SHORTEST = Duration.ofMinutes(1);

  private final Duration period;
  private final LocalTime dailyAt;

  private DigestWindow(Duration period, LocalTime dailyAt) {
    this.period = period;
    this.dailyAt = dailyAt;
  }

  /**
   * Reads a window: {@code PT24H} (a duration of at least a minute) or {@code HH:mm} (daily,
   * local).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static DigestWindow parse(String value) {
    Objects.requireNonNull(value, "value");
    String v = value.strip();
    try {
      if (v.startsWith("P") || v.startsWith("p")) {
        Duration period = Duration.parse(v);
        if (period.compareTo(SHORTEST) < 0) {
          throw new IllegalArgumentException("a digest window lasts at least a minute: " + v);
        }
        return new DigestWindow(period, null);
      }
      return new DigestWindow(null, LocalTime.parse(v));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "a digest window is an ISO-8601 duration (PT24H) or a local time (08:00), not '"
              + value
              + "'",
          e);
    }
  }

  /** The end of the window that {@code now} falls in: always strictly after {@code now}. */
  public Instant closesAfter(Instant now, ZoneId zone) {
    if (period != null) {
      long length = period.toMillis();
      long index = Math.floorDiv(now.toEpochMilli(), length);
      return Instant.ofEpochMilli((index + 1) * length);
    }
    ZonedDateTime local = now.atZone(zone);
    ZonedDateTime closes = local.toLocalDate().atTime(dailyAt).atZone(zone);
    while (!closes.toInstant().isAfter(now)) {
      closes = closes.toLocalDate().plusDays(1).atTime(dailyAt).atZone(zone);
    }
    return closes.toInstant();
  }

  @Override
  public String toString() {
    return period != null ? period.toString() : "daily at " + dailyAt;
  }
}
