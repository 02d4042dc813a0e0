package io.kilowatch.templates.adapter.in.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads loosely typed JSON request fields, with a 400 naming the field for the wrong shape. */
final class JsonInput {
  private JsonInput() {}

  /** An object of strings; null when the field is absent or null. */
  static Map<String, String> stringMap(JsonNode node, String field) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (!node.isObject()) {
      throw InvalidInputException.of(field, "must be an object of strings");
    }
    Map<String, String> values = new LinkedHashMap<>();
    List<FieldError> errors = new ArrayList<>();
    node.fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isTextual()) {
                values.put(e.getKey(), e.getValue().textValue());
              } else {
                errors.add(new FieldError(field + "." + e.getKey(), "must be a string"));
              }
            });
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return values;
  }

  /** A positive whole number; null when absent or null. */
  static Integer positiveInt(JsonNode node, String field) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (!node.canConvertToExactIntegral() || !node.canConvertToInt() || node.asInt() < 1) {
      throw InvalidInputException.of(field, "must be a positive whole number");
    }
    return node.asInt();
  }

  /** Text; null when absent or null. */
  static String text(JsonNode node, String field) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (!node.isTextual()) {
      throw InvalidInputException.of(field, "must be a string");
    }
    return node.textValue();
  }
}
