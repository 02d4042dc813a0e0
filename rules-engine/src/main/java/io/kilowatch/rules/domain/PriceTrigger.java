package io.kilowatch.rules.domain;

/**
 * One side of a price rule: fire when the price crosses {@code level}, then stay silent until the
 * price has crossed back over {@code reset} (hysteresis).
 *
 * @param level the threshold, micro minor units per kWh (see {@link PriceLevel})
 * @param reset the re-arm level, or null for the threshold itself
 */
public record PriceTrigger(long level, Long reset) {
  public long effectiveReset() {
    return reset == null ? level : reset;
  }
}
