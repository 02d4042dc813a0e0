package io.kilowatch.templates.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A template key, e.g. {@code usage.daily-threshold-crossed}: the {@code templateKey} of a
 * requested notification. The part before the first dot is the notification category.
 *
 * @param value lower-case words separated by dots, words of letters, digits and single dashes
 */
public record TemplateKey(String value) {
  public static final int MAX_LENGTH = 100;
  private static final Pattern FORM = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z0-9]+(-[a-z0-9]+)*)+");

  public TemplateKey {
    Objects.requireNonNull(value, "value");
    if (value.length() > MAX_LENGTH || !FORM.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "must look like category.name-of-event (lower case, dots and dashes, at most "
              + MAX_LENGTH
              + " characters)");
    }
  }

  /** The notification category the key belongs to: the part before the first dot. */
  public String category() {
    return value.substring(0, value.indexOf('.'));
  }

  @Override
  public String toString() {
    return value;
  }
}
