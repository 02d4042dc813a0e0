package io.kilowatch.events.pricing;

import io.kilowatch.events.Decimals;
import java.time.Instant;
import java.util.Objects;

/**
 * The unit price of energy in a region (and optionally one tariff) moved from {@code previousPrice}
 * to {@code newPrice}: now ({@code upcoming = false}), or announced for a later interval ({@code
 * upcoming = true}, e.g. from the day-ahead market).
 *
 * <p>Each event describes one move; consumers that alert on crossings compare the two prices and do
 * not need earlier events. Prices are plain decimal strings in the currency's minor unit per kWh
 * (pence/kWh for GBP, cents/kWh for EUR), with the scale the producer uses, and may be negative
 * ("plunge" prices).
 *
 * @param region supply region (grid area), e.g. {@code GB-LON}
 * @param tariff the tariff whose price moved; null for the region's reference price
 * @param previousPrice the price that applied before, minor unit per kWh, e.g. {@code "24.50"}
 * @param newPrice the price that applies from {@code validFrom}, minor unit per kWh
 * @param currency ISO 4217 code of the major currency, e.g. {@code GBP}
 * @param validFrom from when the new price applies
 * @param validTo until when it applies (exclusive); null when open-ended
 * @param upcoming true when announced ahead of {@code validFrom}, false when it applies now
 */
public record PriceChanged(
    String region,
    String tariff,
    String previousPrice,
    String newPrice,
    String currency,
    Instant validFrom,
    Instant validTo,
    boolean upcoming) {
  public PriceChanged {
    Decimals.requireText(region, "region");
    if (tariff != null) {
      Decimals.requireText(tariff, "tariff");
    }
    Decimals.requirePlain(previousPrice, "previousPrice");
    Decimals.requirePlain(newPrice, "newPrice");
    Decimals.requireCurrency(currency);
    Objects.requireNonNull(validFrom, "validFrom");
    if (validTo != null && !validTo.isAfter(validFrom)) {
      throw new IllegalArgumentException("validTo must be after validFrom");
    }
  }
}
