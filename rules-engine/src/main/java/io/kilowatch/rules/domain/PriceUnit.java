package io.kilowatch.rules.domain;

import java.util.Map;

/** How prices in a currency's minor unit per kWh are labelled in notifications. */
public final class PriceUnit {
  private static final Map<String, String> MINOR =
      Map.of("GBP", "p", "EUR", "c", "USD", "¢", "AUD", "c", "NZD", "c", "CAD", "¢", "IEP", "p");

  private PriceUnit() {}

  /** {@code p/kWh} for GBP, {@code c/kWh} for EUR, else {@code <code> minor/kWh}. */
  public static String perKwh(String currency) {
    String minor = MINOR.get(currency);
    return (minor == null ? currency + " minor" : minor) + "/kWh";
  }
}
