package io.kilowatch.channel.sms;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of an {@code application/x-www-form-urlencoded} body, decoded as UTF-8, every
 * value of a repeated name kept in arrival order. Parsed here rather than bound by the framework
 * because the signature covers exactly what was sent, repeated and empty parameters included.
 * Immutable.
 */
final class FormParameters {
  private final Map<String, List<String>> values;

  private FormParameters(Map<String, List<String>> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * @throws IllegalArgumentException if the body has a malformed {@code %} escape
   */
  static FormParameters parse(String body) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (body != null && !body.isEmpty()) {
      for (String pair : body.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
    }
    values.replaceAll((name, list) -> List.copyOf(list));
    return new FormParameters(values);
  }

  Map<String, List<String>> asMap() {
    return values;
  }

  /** The first value of {@code name}, or null if absent or blank. */
  String first(String name) {
    List<String> list = values.get(name);
    if (list == null || list.isEmpty() || list.get(0).isBlank()) {
      return null;
    }
    return list.get(0);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
