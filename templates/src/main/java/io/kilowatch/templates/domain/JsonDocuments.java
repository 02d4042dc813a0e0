package io.kilowatch.templates.domain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks webhook bodies: one JSON object, with variables only inside string values. With JSON
 * string escaping that is enough to keep any value from changing the document's structure.
 * Thread-safe.
 */
final class JsonDocuments {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private JsonDocuments() {}

  /**
   * Marker values for the variables: letters between NUL characters, which the JSON escaper turns
   * into {@code \}{@code u0000} sequences, valid only inside a string.
   */
  static String marker(String variable) {
    return "\u0000kw:" + variable + "\u0000";
  }

  /**
   * Problems with a body rendered with {@link #marker} values: not one JSON object, or a variable
   * outside a string value.
   */
  static List<String> checkMarked(String rendered, Map<String, String> markers) {
    List<String> problems = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(rendered)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        problems.add("must be one JSON object ({…})");
        return problems;
      }
      JsonToken token = first;
      while (token != null) {
        if (token == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          markers.forEach(
              (variable, marker) -> {
                if (name.contains(marker)) {
                  problems.add(
                      "{{"
                          + variable
                          + "}} is in a field name; variables may only be in string values");
                }
              });
        }
        if (parser.getParsingContext().inRoot() && token == JsonToken.END_OBJECT) {
          break;
        }
        token = parser.nextToken();
      }
      if (parser.nextToken() != null) {
        problems.add("must be one JSON object, with nothing after it");
      }
    } catch (JsonProcessingException e) {
      problems.add(
          "is not valid JSON once filled in (variables may stand only inside JSON strings, as"
              + " \"{{name}}\"): "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return problems;
  }

  /** Why a rendered document is not one JSON object, or empty when it is. */
  static Optional<String> invalid(String document) {
    List<String> problems = checkMarked(document, Map.of());
    return problems.isEmpty() ? Optional.empty() : Optional.of(problems.get(0));
  }
}
