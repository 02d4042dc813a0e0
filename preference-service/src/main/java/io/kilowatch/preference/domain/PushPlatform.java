package io.kilowatch.preference.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The platform a push device token was issued for. */
public enum PushPlatform {
  ANDROID,
  IOS,
  WEB;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The platform with this wire name, in any letter case; empty when there is none. */
  public static Optional<PushPlatform> fromWire(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String upper = value.toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(p -> p.name().equals(upper)).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(PushPlatform::wireName).toList();
  }
}
