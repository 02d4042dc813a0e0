package io.kilowatch.templates.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a template version is in its life. {@code draft} → {@code published} (the one rendered) →
 * {@code retired} (when a later version is published). No version is ever changed or deleted.
 */
public enum VersionStatus {
  DRAFT,
  PUBLISHED,
  RETIRED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<VersionStatus> fromWire(String value) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
  }
}
