package io.kilowatch.events;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks for the decimal strings that carry money and prices in event contracts: plain notation
 * ({@code "28.50"}, {@code "-3.2"}, {@code "0"}), never exponents, never through {@code double}.
 * Consumers read them with {@code new BigDecimal(text)}, exactly.
 */
public final class Decimals {
  private static final Pattern PLAIN = Pattern.compile("-?\\d{1,18}(\\.\\d{1,12})?");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private Decimals() {}

  /**
   * @throws IllegalArgumentException when the text is not a plain decimal
   */
  public static String requirePlain(String value, String field) {
    Objects.requireNonNull(value, field);
    if (!PLAIN.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " must be a plain decimal string like \"28.50\", was \"" + value + "\"");
    }
    return value;
  }

  /**
   * @throws IllegalArgumentException when the text is negative or not a plain decimal
   */
  public static String requireNonNegative(String value, String field) {
    requirePlain(value, field);
    if (value.startsWith("-")) {
      throw new IllegalArgumentException(field + " must not be negative");
    }
    return value;
  }

  /**
   * @throws IllegalArgumentException when the text is not an ISO 4217 code in capitals
   */
  public static String requireCurrency(String value) {
    Objects.requireNonNull(value, "currency");
    if (!CURRENCY.matcher(value).matches()) {
      throw new IllegalArgumentException("currency must be an ISO 4217 code like GBP");
    }
    return value;
  }

  /**
   * @throws IllegalArgumentException when the text is blank
   */
  public static String requireText(String value, String field) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }
}
