package io.kilowatch.preference.domain;

import java.time.LocalTime;
import java.util.Objects;

/**
 * A daily window of local wall-clock time in which a customer wants no non-critical messages, e.g.
 * 21:00–08:00. The window starts at {@code start} (inclusive) and ends at {@code end} (exclusive);
 * when {@code end} is not after {@code start} it wraps midnight and ends the next day.
 *
 * @param start local time the window opens, minute precision
 * @param end local time the window closes, minute precision; differs from {@code start}
 */
public record QuietHours(LocalTime start, LocalTime end) {
  public QuietHours {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.equals(end)) {
      throw new IllegalArgumentException("quiet hours must start and end at different times");
    }
    if (start.getSecond() != 0
        || start.getNano() != 0
        || end.getSecond() != 0
        || end.getNano() != 0) {
      throw new IllegalArgumentException("quiet hours are given in whole minutes");
    }
  }

  /** Whether the window runs past midnight (21:00–08:00 does, 13:00–15:00 does not). */
  public boolean wrapsMidnight() {
    return end.isBefore(start);
  }
}
