package io.kilowatch.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request as a provider handler sees it: fully read, headers in lower case, form body parsed.
 * Immutable.
 */
record IncomingRequest(
    String method,
    String path,
    String query,
    Map<String, List<String>> headers,
    String body,
    Map<String, List<String>> form,
    Instant receivedAt) {

  static IncomingRequest of(
      String method,
      String path,
      String query,
      Map<String, List<String>> rawHeaders,
      String body,
      Instant receivedAt) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    rawHeaders.forEach(
        (name, values) ->
            headers
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .addAll(values));
    String contentType = first(headers, "content-type");
    Map<String, List<String>> form =
        contentType != null
                && contentType
                    .toLowerCase(Locale.ROOT)
                    .startsWith("application/x-www-form-urlencoded")
            ? parseForm(body)
            : Map.of();
    return new IncomingRequest(method, path, query, headers, body, form, receivedAt);
  }

  String header(String name) {
    return first(headers, name.toLowerCase(Locale.ROOT));
  }

  String formParam(String name) {
    return first(form, name);
  }

  /** User name and password of an HTTP Basic {@code Authorization} header, or null. */
  String[] basicCredentials() {
    String authorization = header("authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0
          ? null
          : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  RecordedRequest recorded(String provider, int responseStatus) {
    return new RecordedRequest(
        provider, method, path, query, headers, body, form, receivedAt, responseStatus);
  }

  static Map<String, List<String>> parseForm(String body) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    if (body == null || body.isEmpty()) {
      return form;
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      form.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return form;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String first(Map<String, List<String>> map, String key) {
    List<String> values = map.get(key);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
