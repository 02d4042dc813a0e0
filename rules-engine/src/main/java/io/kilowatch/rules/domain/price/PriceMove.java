package io.kilowatch.rules.domain.price;

import io.kilowatch.rules.domain.PriceLevel;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A price feed's move from one price to another, reduced to the whole levels the index compares
 * with, without losing exactness.
 *
 * <p>A level {@code L} (whole micro units) is crossed <em>upwards</em> when {@code from <= L < to}
 * and <em>downwards</em> when {@code to < L <= from}. For whole {@code L} and any decimal {@code
 * x}: {@code L >= x} iff {@code L >= ceil(x)}, and {@code L <= x} iff {@code L <= floor(x)}. So the
 * upward range is {@code [ceil(from), ceil(to))} and the downward range is {@code (floor(to),
 * floor(from)]}, exactly, whatever scale the event's prices have.
 *
 * @param fromFloor floor of the previous price
 * @param fromCeil ceiling of the previous price
 * @param toFloor floor of the new price
 * @param toCeil ceiling of the new price
 */
public record PriceMove(long fromFloor, long fromCeil, long toFloor, long toCeil) {
  public static PriceMove of(BigDecimal from, BigDecimal to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return new PriceMove(
        PriceLevel.floor(from), PriceLevel.ceil(from), PriceLevel.floor(to), PriceLevel.ceil(to));
  }

  /** A move between two whole levels (tests, benchmarks). */
  public static PriceMove ofLevels(long from, long to) {
    return new PriceMove(from, from, to, to);
  }

  /** True when level {@code l} is crossed upwards by this move. */
  public boolean crossesUp(long l) {
    return fromCeil <= l && l < toCeil;
  }

  /** True when level {@code l} is crossed downwards by this move. */
  public boolean crossesDown(long l) {
    return toFloor < l && l <= fromFloor;
  }
}
