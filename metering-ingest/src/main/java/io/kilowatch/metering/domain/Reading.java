package io.kilowatch.metering.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One interval reading of one meter: the energy measured in the interval that ends at {@code
 * timestamp}. Immutable; every instance satisfies the rules of {@link ReadingBatchValidator} apart
 * from the clock-skew rule, which depends on when the reading arrives.
 *
 * @param readingId the sender's id of the reading; a reading is stored once per id
 * @param meterId the meter
 * @param timestamp the end of the measured interval, UTC
 * @param energyWh energy in the interval, watt-hours, {@code 0..}{@link #MAX_ENERGY_WH}
 */
public record Reading(String readingId, String meterId, Instant timestamp, long energyWh) {
  /** Longest reading or meter id, in characters (Unicode code points). */
  public static final int MAX_ID_LENGTH = 64;

  /** Largest energy one reading may carry: 1 GWh, far above any single meter's interval. */
  public static final long MAX_ENERGY_WH = 1_000_000_000L;

  public Reading {
    requireId(readingId, "readingId");
    requireId(meterId, "meterId");
    Objects.requireNonNull(timestamp, "timestamp");
    if (energyWh < 0 || energyWh > MAX_ENERGY_WH) {
      throw new IllegalArgumentException("energyWh out of range: " + energyWh);
    }
  }

  private static void requireId(String id, String name) {
    Objects.requireNonNull(id, name);
    if (id.isBlank() || id.codePointCount(0, id.length()) > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(name + " must be 1.." + MAX_ID_LENGTH + " characters");
    }
  }
}
