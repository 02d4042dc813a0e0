package io.kilowatch.rules.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A meter's energy total over one window, as of a moment. Totals of a window only grow.
 *
 * @param meterId the meter
 * @param granularity ISO-8601 length of the window, {@code P1D} for a day
 * @param windowStart inclusive start
 * @param windowEnd exclusive end
 * @param energyWh total energy in the window so far
 * @param asOf when the total was computed
 */
public record UsageWindow(
    String meterId,
    String granularity,
    Instant windowStart,
    Instant windowEnd,
    long energyWh,
    Instant asOf) {
  public static final String DAILY = "P1D";

  public UsageWindow {
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(granularity, "granularity");
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    Objects.requireNonNull(asOf, "asOf");
  }

  public boolean isDaily() {
    return DAILY.equals(granularity);
  }
}
