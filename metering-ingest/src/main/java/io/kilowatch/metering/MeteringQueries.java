package io.kilowatch.metering;

import java.time.Instant;
import java.util.List;

/**
 * What other modules may ask metering-ingest in process. Read-only; never touches their schema, nor
 * they this one. Thread-safe.
 */
public interface MeteringQueries {
  /**
   * The daily usage windows of one meter that start in {@code [from, to)}, oldest first. Days
   * without readings are absent.
   *
   * @throws IllegalArgumentException when {@code to} is before {@code from}
   */
  List<DailyUsage> dailyUsage(String meterId, Instant from, Instant to);
}
