package io.kilowatch.channel.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sendgrid.Response;
import io.kilowatch.channel.SendResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps what SendGrid (or the network on the way) answered to a mail send onto Kilowatch's {@link
 * SendResult}.
 *
 * <ul>
 *   <li>2xx with {@code X-Message-Id} → {@code Accepted}; 2xx without it → {@code
 *       PermanentFailure("invalid-response")} (retrying could send the mail twice)
 *   <li>401 → {@code PermanentFailure("auth")}: no retry fixes the key, delivery can fall back
 *   <li>408, 429 and 5xx → {@code RetryableFailure("http-<status>")}; {@code retryAfter} from
 *       {@code Retry-After} (seconds or HTTP date), else from {@code X-RateLimit-Reset} (epoch
 *       seconds)
 *   <li>other 4xx (400 invalid payload, 403 unverified sender or missing permission, 413 too large)
 *       → {@code PermanentFailure("http-<status>")} with SendGrid's {@code field: message} pairs
 *   <li>no answer: timeout (connect, socket, pool) → {@code RetryableFailure("timeout")}, anything
 *       else (refused, reset, DNS) → {@code RetryableFailure("connection")}
 * </ul>
 *
 * Stateless and thread-safe.
 */
final class SendGridAnswers {
  static final String AUTH = "auth";
  static final String TIMEOUT = "timeout";
  static final String CONNECTION = "connection";
  static final String INVALID_RESPONSE = "invalid-response";
  static final String MESSAGE_ID_HEADER = "X-Message-Id";

  private static final int MAX_DETAIL = 500;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

  private final String provider;
  private final Clock clock;

  SendGridAnswers(String provider, Clock clock) {
    this.provider = provider;
    this.clock = clock;
  }

  /** Classifies an HTTP answer. */
  SendResult answer(Response response) {
    int status = response.getStatusCode();
    Map<String, String> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
    if (status >= 200 && status < 300) {
      String messageId = header(headers, MESSAGE_ID_HEADER);
      if (messageId == null || messageId.isBlank()) {
        // SendGrid took the mail but named no message (sandbox_mode answers 200 like this).
        // Retrying could send it twice, so this counts as final; delivery may still fall back.
        return permanent(INVALID_RESPONSE, "SendGrid answered " + status + " without X-Message-Id");
      }
      return new SendResult.Accepted(provider, messageId.trim());
    }
    String message = errorMessage(status, response.getBody());
    if (status == 401) {
      return permanent(AUTH, message);
    }
    if (status == 408 || status == 429 || status >= 500) {
      return retryable("http-" + status, message, retryAfter(headers));
    }
    return permanent("http-" + status, message);
  }

  /** Classifies a send that got no HTTP answer. */
  SendResult noAnswer(IOException error) {
    return retryable(timedOut(error) ? TIMEOUT : CONNECTION, String.valueOf(error), null);
  }

  /**
   * How long SendGrid asks us to wait: {@code Retry-After} (seconds or HTTP date), else {@code
   * X-RateLimit-Reset} (epoch seconds when the limit resets); null if neither is usable.
   */
  Duration retryAfter(Map<String, String> headers) {
    Duration retryAfter = retryAfterHeader(header(headers, "Retry-After"));
    return retryAfter != null ? retryAfter : rateLimitReset(header(headers, "X-RateLimit-Reset"));
  }

  private Duration retryAfterHeader(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      // An HTTP date is the other form RFC 9110 allows.
    }
    try {
      return untilNow(ZonedDateTime.parse(value, HTTP_DATE).toInstant());
    } catch (DateTimeParseException garbled) {
      return null;
    }
  }

  private Duration rateLimitReset(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return untilNow(Instant.ofEpochSecond(Long.parseLong(header.trim())));
    } catch (NumberFormatException garbled) {
      return null;
    }
  }

  private Duration untilNow(Instant at) {
    Duration wait = Duration.between(clock.instant(), at);
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  /**
   * SendGrid's {@code {"errors":[{"message":..,"field":..}]}} as {@code field: message; ...}, or
   * the start of the raw body if it is not in that shape.
   */
  static String errorMessage(int status, String body) {
    if (body == null || body.isBlank()) {
      return "HTTP " + status;
    }
    try {
      JsonNode errors = JSON.readTree(body).path("errors");
      List<String> parts = new ArrayList<>();
      for (JsonNode error : errors) {
        String message = error.path("message").asText("");
        String field = error.path("field").isTextual() ? error.path("field").asText() : null;
        parts.add(field == null || field.isBlank() ? message : field + ": " + message);
      }
      if (!parts.isEmpty()) {
        return truncate(String.join("; ", parts));
      }
    } catch (IOException notJson) {
      // Proxies and load balancers answer in HTML or plain text.
    }
    return truncate("HTTP " + status + ": " + body.strip());
  }

  /** Header value by case-insensitive name: the SDK keeps names as the server spelled them. */
  static String header(Map<String, String> headers, String name) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (name.equalsIgnoreCase(header.getKey())) {
        return header.getValue();
      }
    }
    return null;
  }

  private static boolean timedOut(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      // SocketTimeoutException, and HttpClient's ConnectTimeoutException and
      // ConnectionPoolTimeoutException, are all InterruptedIOExceptions.
      if (t instanceof InterruptedIOException) {
        return true;
      }
    }
    return false;
  }

  private static String truncate(String text) {
    return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
  }

  private SendResult permanent(String code, String message) {
    return new SendResult.PermanentFailure(provider, code, message);
  }

  private SendResult retryable(String code, String message, Duration retryAfter) {
    return new SendResult.RetryableFailure(provider, code, message, retryAfter);
  }
}
