package io.kilowatch.preference.application.port.in;

import io.kilowatch.channel.Channel;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a JSON request body as the web layer parsed it (maps, lists, strings, numbers, booleans)
 * and collects one {@link FieldError} per invalid field, named by its JSON path ({@code
 * categories.usage.channels[1]}). Reading untyped values here, rather than binding to typed
 * records, lets every wrong type and every unknown field be named precisely. Not thread-safe: one
 * reader per request.
 */
final class BodyReader {
  private final List<FieldError> errors = new ArrayList<>();

  static String child(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }

  void error(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  int errorCount() {
    return errors.size();
  }

  /** Throws the collected errors, if any. */
  void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  /** Names every key not in {@code known} as an error. */
  void onlyKnown(Map<String, Object> object, String path, Set<String> known) {
    for (String key : object.keySet()) {
      if (!known.contains(key)) {
        error(child(path, key), "is not a known field; known fields: " + new TreeSet<>(known));
      }
    }
  }

  @SuppressWarnings("unchecked")
  Optional<Map<String, Object>> object(Object value, String path, String example) {
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Map<?, ?> map) {
      return Optional.of((Map<String, Object>) map);
    }
    error(path, "must be an object, e.g. " + example);
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  Optional<List<Object>> array(Object value, String path) {
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof List<?> list) {
      return Optional.of((List<Object>) list);
    }
    error(path, "must be an array");
    return Optional.empty();
  }

  Optional<String> string(Object value, String path) {
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof String s) {
      return Optional.of(s);
    }
    error(path, "must be a string");
    return Optional.empty();
  }

  Optional<Boolean> bool(Object value, String path) {
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Boolean b) {
      return Optional.of(b);
    }
    error(path, "must be true or false");
    return Optional.empty();
  }

  /** A whole JSON number in {@code [min, max]}. */
  Optional<Integer> integer(Object value, String path, int min, int max) {
    if (value == null) {
      return Optional.empty();
    }
    BigInteger number = null;
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      number = BigInteger.valueOf(((Number) value).longValue());
    } else if (value instanceof BigInteger big) {
      number = big;
    }
    if (number == null) {
      error(path, "must be a whole number from " + min + " to " + max);
      return Optional.empty();
    }
    if (number.compareTo(BigInteger.valueOf(min)) < 0
        || number.compareTo(BigInteger.valueOf(max)) > 0) {
      error(path, "must be from " + min + " to " + max);
      return Optional.empty();
    }
    return Optional.of(number.intValue());
  }

  /** A channel by wire name, in any letter case. */
  Optional<Channel> channel(Object value, String path) {
    Optional<String> name = string(value, path);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    String upper = name.get().strip().toUpperCase(Locale.ROOT);
    for (Channel c : Channel.values()) {
      if (c.name().equals(upper)) {
        return Optional.of(c);
      }
    }
    error(path, "unknown channel '" + name.get() + "'; one of " + channelNames());
    return Optional.empty();
  }

  static String channelNames() {
    return String.join(", ", Arrays.stream(Channel.values()).map(Channel::wireName).toList());
  }
}
