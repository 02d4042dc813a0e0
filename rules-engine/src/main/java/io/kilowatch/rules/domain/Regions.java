package io.kilowatch.rules.domain;

import java.util.regex.Pattern;

/** The shape of region and tariff names: short codes such as {@code GB-LON} or {@code AGILE-24}. */
public final class Regions {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private Regions() {}

  public static boolean isName(String value) {
    return value != null && NAME.matcher(value).matches();
  }

  /**
   * @throws IllegalArgumentException when the value is not a region or tariff code
   */
  public static String requireName(String value, String what) {
    if (!isName(value)) {
      throw new IllegalArgumentException(
          what + " must be a code of letters, digits, '-', '_' or '.', at most 64 characters");
    }
    return value;
  }
}
