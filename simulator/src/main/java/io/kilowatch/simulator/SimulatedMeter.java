package io.kilowatch.simulator;

import java.util.Objects;

/**
 * A meter in the simulated fleet.
 *
 * @param meterId meter id as the head-end reports it
 * @param baseLoadWh energy per 15-minute interval at night
 * @param peakLoadWh energy per 15-minute interval at the evening peak
 */
public record SimulatedMeter(String meterId, long baseLoadWh, long peakLoadWh) {
  public SimulatedMeter {
    Objects.requireNonNull(meterId, "meterId");
    if (baseLoadWh < 0 || peakLoadWh < baseLoadWh) {
      throw new IllegalArgumentException("need 0 <= baseLoadWh <= peakLoadWh");
    }
  }
}
