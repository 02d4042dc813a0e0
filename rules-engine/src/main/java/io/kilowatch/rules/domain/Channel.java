package io.kilowatch.rules.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A channel a customer may prefer for a rule's notifications. */
public enum Channel {
  SMS,
  EMAIL,
  PUSH,
  WEBHOOK;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Channel> fromWire(String name) {
    return Arrays.stream(values()).filter(c -> c.wireName().equals(name)).findFirst();
  }
}
