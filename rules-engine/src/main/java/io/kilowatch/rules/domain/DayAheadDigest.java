package io.kilowatch.rules.domain;

/**
 * Sends a digest of tomorrow's cheapest and dearest windows when the region's (or tariff's)
 * day-ahead prices are published, once per day.
 *
 * @param region the supply region
 * @param tariff the tariff, or null for the region's reference prices
 */
public record DayAheadDigest(String region, String tariff) implements RuleCondition {
  public DayAheadDigest {
    Regions.requireName(region, "region");
    if (tariff != null) {
      Regions.requireName(tariff, "tariff");
    }
  }

  @Override
  public RuleKind kind() {
    return RuleKind.PRICE_DAY_AHEAD_DIGEST;
  }
}
