package io.kilowatch.delivery.domain;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain-text SMS texts of the walking skeleton, keyed by template key. The templates module
 * (versioned, per locale and channel, validated) replaces this. Variables are {@code {name}}; a
 * missing variable is an error, never an empty gap in a customer's message. Thread-safe.
 */
public final class PlainTextTemplates {
  private static final Pattern VARIABLE = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)}");
  private static final Map<String, String> SMS =
      Map.of(
          "usage.daily-threshold-crossed",
          "Kilowatch: your electricity use on {day} has passed {thresholdKwh} kWh"
              + " ({usageKwh} kWh so far on meter {meterId}).");

  private PlainTextTemplates() {}

  public static Optional<String> sms(String templateKey) {
    return Optional.ofNullable(SMS.get(templateKey));
  }

  /**
   * Fills the template's variables.
   *
   * @throws IllegalArgumentException naming the first variable missing from {@code data}
   */
  public static String render(String template, Map<String, String> data) {
    Matcher m = VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = data.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("template variable '" + m.group(1) + "' has no value");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
