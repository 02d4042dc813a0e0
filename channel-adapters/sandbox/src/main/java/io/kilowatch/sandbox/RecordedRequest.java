package io.kilowatch.sandbox;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One request a provider handler received, as it arrived, with the status the sandbox answered.
 * Immutable and thread-safe.
 *
 * @param provider handler that answered, e.g. {@code twilio}
 * @param method HTTP method
 * @param path request path without the query string
 * @param query raw query string, or null
 * @param headers request headers; names in lower case
 * @param body raw body decoded as UTF-8 (empty if none)
 * @param form parameters of an {@code application/x-www-form-urlencoded} body in arrival order;
 *     empty for other content types
 * @param receivedAt when the request was read
 * @param responseStatus HTTP status the sandbox answered
 */
public record RecordedRequest(
    String provider,
    String method,
    String path,
    String query,
    Map<String, List<String>> headers,
    String body,
    Map<String, List<String>> form,
    Instant receivedAt,
    int responseStatus) {

  public RecordedRequest {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(receivedAt, "receivedAt");
    headers = copy(headers);
    form = copy(form);
  }

  /** First value of a header (name is case-insensitive), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** First value of a form parameter, or null. */
  public String formParam(String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> source) {
    // LinkedHashMap keeps arrival order, which the JSON listing shows; Map.copyOf would not.
    Map<String, List<String>> copy = new LinkedHashMap<>();
    if (source != null) {
      source.forEach((key, values) -> copy.put(key, List.copyOf(values)));
    }
    return Collections.unmodifiableMap(copy);
  }
}
