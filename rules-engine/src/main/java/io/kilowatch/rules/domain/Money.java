package io.kilowatch.rules.domain;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of money in a currency's major unit ({@code 123.45 GBP}). Never {@code double}.
 *
 * @param amount the amount, at most as many decimals as the currency has minor units
 * @param currency ISO 4217 code, e.g. {@code GBP}
 */
public record Money(BigDecimal amount, String currency) implements Comparable<Money> {
  /** Budgets and thresholds above this are typing mistakes, not budgets. */
  public static final BigDecimal MAX = new BigDecimal("1000000");

  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    Currency known = currency(currency);
    BigDecimal exact = amount.stripTrailingZeros();
    if (exact.scale() > Math.max(0, known.getDefaultFractionDigits())) {
      throw new IllegalArgumentException(
          "must have at most "
              + known.getDefaultFractionDigits()
              + " decimals for "
              + currency
              + " (whole minor units)");
    }
    amount = exact.scale() < 0 ? exact.setScale(0) : exact;
  }

  /** A positive amount, at most {@link #MAX}: what a budget or a cost threshold may be. */
  public static Money positive(BigDecimal amount, String currency) {
    Money money = new Money(amount, currency);
    if (money.amount.signum() <= 0) {
      throw new IllegalArgumentException("must be greater than 0");
    }
    if (money.amount.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("must be at most " + MAX.toPlainString());
    }
    return money;
  }

  /**
   * @throws IllegalArgumentException when the code is not an ISO 4217 currency in capitals
   */
  public static Currency currency(String code) {
    if (code == null || !code.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException("must be an ISO 4217 currency code like GBP");
    }
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is not a known ISO 4217 currency code");
    }
  }

  /** True when both are in the same currency and this is strictly greater. */
  public boolean isAbove(Money other) {
    return currency.equals(other.currency) && amount.compareTo(other.amount) > 0;
  }

  /**
   * @throws IllegalArgumentException for amounts in different currencies
   */
  @Override
  public int compareTo(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException("cannot compare " + currency + " with " + other.currency);
    }
    return amount.compareTo(other.amount);
  }

  /** The amount as people write it, exact, without exponent: {@code "120"}, {@code "99.5"}. */
  public String text() {
    return amount.toPlainString();
  }
}
