package io.kilowatch.rules.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Whether a price rule watches the price that applies now or prices announced ahead. */
public enum PriceTiming {
  CURRENT,
  UPCOMING;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<PriceTiming> fromWire(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
  }
}
