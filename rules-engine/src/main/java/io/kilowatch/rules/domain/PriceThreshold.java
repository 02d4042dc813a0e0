package io.kilowatch.rules.domain;

import java.util.Objects;

/**
 * A price rule: tell me when the {@code timing} price of {@code region} (and {@code tariff}) goes
 * above {@code above.level} and/or below {@code below.level}. Each side fires on a crossing (the
 * price was at or below the level and is now above it, or at or above and now below) and then
 * re-arms only when the price has crossed back over its reset level, so a price wobbling around a
 * threshold notifies once. An above side's reset is below its level, a below side's above it.
 * Levels may be negative ("plunge" prices).
 *
 * @param region the supply region
 * @param tariff the tariff, or null for the region's reference price
 * @param timing the current price, or upcoming (announced) prices
 * @param above fire when the price goes above; null for none
 * @param below fire when the price goes below; null for none
 */
public record PriceThreshold(
    String region, String tariff, PriceTiming timing, PriceTrigger above, PriceTrigger below)
    implements RuleCondition {
  public PriceThreshold {
    Regions.requireName(region, "region");
    if (tariff != null) {
      Regions.requireName(tariff, "tariff");
    }
    Objects.requireNonNull(timing, "timing");
    if (above == null && below == null) {
      throw new IllegalArgumentException("a price rule needs above, below or both");
    }
    if (above != null && above.effectiveReset() > above.level()) {
      throw new IllegalArgumentException("aboveReset must be below the above threshold");
    }
    if (below != null && below.effectiveReset() < below.level()) {
      throw new IllegalArgumentException("belowReset must be above the below threshold");
    }
  }

  /** The price feed the rule follows: region, tariff and timing. */
  public String feedKey() {
    return feedKey(region, tariff, timing);
  }

  public static String feedKey(String region, String tariff, PriceTiming timing) {
    return region + "|" + (tariff == null ? "" : tariff) + "|" + timing.wireName();
  }

  @Override
  public RuleKind kind() {
    return RuleKind.PRICE_THRESHOLD;
  }
}
