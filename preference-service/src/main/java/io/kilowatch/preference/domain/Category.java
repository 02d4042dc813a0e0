package io.kilowatch.preference.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a message is about; customers choose channels, opt-outs and caps per category. Mirrors the
 * notification contract's categories, kept here so that the domain depends on no wire type.
 */
public enum Category {
  USAGE,
  COST,
  PRICE,
  OUTAGE,
  BILLING,
  MARKETING;

  /** Lower-case name as the API writes it, e.g. {@code usage}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether messages of this category may be critical: a critical message bypasses quiet hours and
   * caps (never an opt-out). Only outages are; a producer cannot make marketing critical.
   */
  public boolean mayBeCritical() {
    return this == OUTAGE;
  }

  /** The category with this wire name, in any letter case; empty when there is none. */
  public static Optional<Category> fromWire(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String upper = value.toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(c -> c.name().equals(upper)).findFirst();
  }

  /** Wire names of all categories, in declaration order, for error messages. */
  public static List<String> wireNames() {
    return Arrays.stream(values()).map(Category::wireName).toList();
  }
}
