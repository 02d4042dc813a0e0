package io.kilowatch.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the sandbox answers to one request, and how long it waits before answering. Immutable.
 *
 * @param delay simulated provider latency; zero answers at once
 */
record Reply(int status, Map<String, String> headers, byte[] body, Duration delay) {

  Reply {
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
    delay = delay == null || delay.isNegative() ? Duration.ZERO : delay;
  }

  static Reply json(int status, String json) {
    return new Reply(
        status,
        Map.of("Content-Type", "application/json; charset=utf-8"),
        json.getBytes(StandardCharsets.UTF_8),
        Duration.ZERO);
  }

  static Reply empty(int status) {
    return new Reply(status, Map.of(), new byte[0], Duration.ZERO);
  }

  Reply withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, copy, body, delay);
  }

  Reply delayedBy(Duration latency) {
    return new Reply(status, headers, body, latency);
  }
}
