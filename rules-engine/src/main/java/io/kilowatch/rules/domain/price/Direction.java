package io.kilowatch.rules.domain.price;

/** The side of a price rule: fires when the price goes above, or when it goes below. */
public enum Direction {
  ABOVE,
  BELOW;

  public Direction opposite() {
    return this == ABOVE ? BELOW : ABOVE;
  }
}
