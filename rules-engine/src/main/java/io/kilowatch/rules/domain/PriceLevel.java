package io.kilowatch.rules.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Unit prices as whole micro minor units per kWh ({@code 30.5} p/kWh is {@code 30_500_000}), so
 * that a million thresholds fit in {@code long[]} and compare exactly. Prices in events may carry
 * more decimals than a threshold can; {@link #floor} and {@link #ceil} keep comparisons with them
 * exact (see {@code PriceMove}).
 */
public final class PriceLevel {
  public static final int SCALE = 6;

  /** Thresholds beyond ±1 000 000 minor units per kWh are typing mistakes. */
  public static final BigDecimal MAX_ABS = new BigDecimal("1000000");

  private PriceLevel() {}

  /**
   * The micro units of a threshold as people write it.
   *
   * @throws IllegalArgumentException with a message for people when it has more than {@value
   *     #SCALE} decimals or is beyond {@link #MAX_ABS}
   */
  public static long of(BigDecimal price) {
    BigDecimal exact = price.stripTrailingZeros();
    if (exact.scale() > SCALE) {
      throw new IllegalArgumentException("must have at most " + SCALE + " decimals");
    }
    if (exact.abs().compareTo(MAX_ABS) > 0) {
      throw new IllegalArgumentException("must be between -1000000 and 1000000");
    }
    return exact.movePointRight(SCALE).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
  }

  /** The largest level not above {@code price}. */
  public static long floor(BigDecimal price) {
    return price.movePointRight(SCALE).setScale(0, RoundingMode.FLOOR).longValueExact();
  }

  /** The smallest level not below {@code price}. */
  public static long ceil(BigDecimal price) {
    return price.movePointRight(SCALE).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /** The level as an exact decimal without trailing zeros: {@code 30_500_000} → {@code "30.5"}. */
  public static String text(long micros) {
    BigDecimal value = BigDecimal.valueOf(micros, SCALE).stripTrailingZeros();
    return value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
  }
}
