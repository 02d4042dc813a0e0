package io.kilowatch.metering;

import java.time.Instant;
import java.util.Objects;

/**
 * The energy total of one meter over one local day of the market's zone, as stored now.
 *
 * @param meterId the meter
 * @param windowStart first instant of the day, inclusive, UTC
 * @param windowEnd first instant of the next day, exclusive, UTC (23 to 25 hours later)
 * @param energyWh total energy of the day's readings, watt-hours
 * @param readingCount how many readings make up the total
 * @param updatedAt when the last reading was added
 */
public record DailyUsage(
    String meterId,
    Instant windowStart,
    Instant windowEnd,
    long energyWh,
    int readingCount,
    Instant updatedAt) {
  public DailyUsage {
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
