package io.kilowatch.rules.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact conversions between kilowatt-hours as people write them ({@code "10.25"}) and whole
 * watt-hours as Kilowatch stores them. No floating point anywhere.
 */
public final class Energy {
  /** The largest threshold a rule accepts: one gigawatt-hour a day is far beyond any supply. */
  public static final BigDecimal MAX_KWH = new BigDecimal("1000000");

  private static final int WH_SCALE = 3;

  private Energy() {}

  /**
   * Watt-hours of a positive kilowatt-hour amount with at most 3 decimals.
   *
   * @throws IllegalArgumentException with a message for people when the amount is not positive, has
   *     more than 3 decimals (after trailing zeros) or is above {@link #MAX_KWH}
   */
  public static long kwhToWh(BigDecimal kwh) {
    BigDecimal exact = kwh.stripTrailingZeros();
    if (exact.signum() <= 0) {
      throw new IllegalArgumentException("must be greater than 0");
    }
    if (exact.scale() > WH_SCALE) {
      throw new IllegalArgumentException("must have at most 3 decimals (whole watt-hours)");
    }
    if (exact.compareTo(MAX_KWH) > 0) {
      throw new IllegalArgumentException("must be at most " + MAX_KWH.toPlainString());
    }
    return exact.movePointRight(WH_SCALE).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
  }

  /** Kilowatt-hours of watt-hours, exactly, without trailing zeros: 10250 → {@code "10.25"}. */
  public static String whToKwh(long wh) {
    BigDecimal kwh = BigDecimal.valueOf(wh, WH_SCALE).stripTrailingZeros();
    return kwh.scale() < 0 ? kwh.setScale(0).toPlainString() : kwh.toPlainString();
  }
}
