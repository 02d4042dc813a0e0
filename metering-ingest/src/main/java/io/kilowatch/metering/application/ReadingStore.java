package io.kilowatch.metering.application;

import io.kilowatch.metering.DailyUsage;
import io.kilowatch.metering.domain.Reading;
import io.kilowatch.metering.domain.WindowIncrement;
import java.time.Instant;
import java.util.List;

/** Where readings and daily windows are kept. Every call must run inside a transaction. */
public interface ReadingStore {
  /**
   * Stores the readings that are new, in one statement. A reading is not new when its reading id,
   * or its meter and timestamp, is already stored (also earlier in the same list).
   *
   * @return the readings that were stored now, in no particular order
   */
  List<Reading> insertNew(List<Reading> readings, Instant receivedAt);

  /**
   * Adds each increment to its window's total, creating the window when it is the first, in one
   * statement.
   *
   * @param increments at most one per (meter, window)
   * @return the windows' new totals, one per increment, in no particular order
   */
  List<DailyUsage> addToDailyUsage(List<WindowIncrement> increments, Instant updatedAt);

  /** One meter's windows that start in {@code [from, to)}, oldest first. */
  List<DailyUsage> dailyUsage(String meterId, Instant from, Instant to);
}
