package io.kilowatch.templates.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A variable a template key's templates may use.
 *
 * @param name letters, digits and {@code _}, starting with a letter, e.g. {@code thresholdKwh}
 * @param description what the value is, for template authors
 * @param sample a realistic value, used to validate lengths and for previews
 * @param required true when every notification of the key carries it; an optional variable may only
 *     be used inside its own section ({@code {{#meterId}}…{{meterId}}…{{/meterId}}})
 */
public record VariableDeclaration(
    String name, String description, String sample, boolean required) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  /**
   * A letter, then letters, digits or {@code _}, at most 64; not {@code this}, which Mustache reads
   * as the whole data.
   */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches() && !name.equals("this");
  }

  public VariableDeclaration {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(sample, "sample");
    if (!isValidName(name)) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a variable name (a letter, then letters, digits or _)");
    }
    if (sample.isBlank()) {
      throw new IllegalArgumentException("the sample of " + name + " must not be blank");
    }
  }
}
