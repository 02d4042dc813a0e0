package io.kilowatch.events.metering;

import java.time.Instant;
import java.util.Objects;

/**
 * The energy total of one meter over one window changed because readings arrived.
 *
 * <p>Published after the readings are committed. Consumers see totals only grow within a window
 * (readings are stored once), but may see updates out of order; {@code energyWh} is the total at
 * {@code asOf}.
 *
 * @param meterId the meter
 * @param granularity window length as ISO-8601 duration, {@code P1D} for the daily window
 * @param windowStart inclusive start, UTC (the local midnight of the market's zone for P1D)
 * @param windowEnd exclusive end, UTC
 * @param energyWh total energy in the window, watt-hours, never negative
 * @param readingCount readings that make up the total
 * @param asOf when the total was computed
 */
public record UsageWindowUpdated(
    String meterId,
    String granularity,
    Instant windowStart,
    Instant windowEnd,
    long energyWh,
    int readingCount,
    Instant asOf) {
  public UsageWindowUpdated {
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(granularity, "granularity");
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    Objects.requireNonNull(asOf, "asOf");
    if (!granularity.matches("P(\\d+D|T\\d+[HM])")) {
      throw new IllegalArgumentException("granularity must be like P1D, PT1H or PT15M");
    }
    if (!windowEnd.isAfter(windowStart)) {
      throw new IllegalArgumentException("windowEnd must be after windowStart");
    }
    if (energyWh < 0) {
      throw new IllegalArgumentException("energyWh must not be negative");
    }
  }
}
