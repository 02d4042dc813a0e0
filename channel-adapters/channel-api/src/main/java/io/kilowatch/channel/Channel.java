package io.kilowatch.channel;

import java.util.Locale;

/** The ways Kilowatch reaches a person. */
public enum Channel {
  SMS,
  EMAIL,
  PUSH,
  WEBHOOK;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
