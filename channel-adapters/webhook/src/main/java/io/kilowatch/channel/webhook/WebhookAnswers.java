package io.kilowatch.channel.webhook;

import io.kilowatch.channel.SendResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Maps a receiver's answer (or the network's failure to bring one) onto {@link SendResult}.
 *
 * <ul>
 *   <li>2xx → {@code Accepted}, id from {@code Kilowatch-Receipt-Id} or the notification id
 *   <li>3xx → {@code PermanentFailure("redirect")}: redirects are not followed (one to a private
 *       address would bypass the endpoint guard)
 *   <li>408, 425, 429, 5xx → {@code RetryableFailure("http-<status>")} with {@code Retry-After}
 *   <li>other 4xx (and anything outside 2xx–5xx) → {@code PermanentFailure("http-<status>")}
 *   <li>no answer: timeout → {@code RetryableFailure("timeout")}, TLS → {@code "tls"}, anything
 *       else (refused, reset) → {@code "connection"}
 * </ul>
 *
 * Stateless and thread-safe.
 */
final class WebhookAnswers {
  static final String REDIRECT = "redirect";
  static final String TIMEOUT = "timeout";
  static final String CONNECTION = "connection";
  static final String TLS = "tls";
  static final String DNS = "dns";
  static final String INTERRUPTED = "interrupted";
  static final String ENDPOINT_REFUSED = "endpoint-refused";
  static final String INVALID_BODY = "invalid-body";
  static final String INVALID_MESSAGE = "invalid-message";

  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
  private static final Pattern RECEIPT_ID = Pattern.compile("[\\x21-\\x7E]{1,200}");
  private static final int MAX_DETAIL_CHARS = 1024;

  private final String provider;
  private final Clock clock;

  WebhookAnswers(String provider, Clock clock) {
    this.provider = provider;
    this.clock = clock;
  }

  /**
   * Classifies an HTTP answer.
   *
   * @param body the start of the answer's body, possibly empty; for failure messages only
   */
  SendResult answer(String notificationId, int status, HttpHeaders headers, byte[] body) {
    if (status >= 200 && status < 300) {
      String receipt =
          headers
              .firstValue(WebhookHeaders.RECEIPT_ID)
              .map(String::strip)
              .filter(id -> RECEIPT_ID.matcher(id).matches())
              .orElse(notificationId);
      return new SendResult.Accepted(provider, receipt);
    }
    String detail = detail(status, body);
    if (status >= 300 && status < 400) {
      String location = headers.firstValue("Location").map(WebhookAnswers::printable).orElse("?");
      return permanent(
          REDIRECT, "HTTP " + status + " redirect to " + location + " not followed" + suffix(body));
    }
    if (status == 408 || status == 425 || status == 429 || (status >= 500 && status < 600)) {
      return retryable(
          "http-" + status, detail, retryAfter(headers.firstValue("Retry-After").orElse(null)));
    }
    return permanent("http-" + status, detail);
  }

  /** Classifies a send that brought no answer. */
  SendResult noAnswer(Throwable error) {
    String message = error.getMessage() != null ? error.getMessage() : error.getClass().getName();
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof HttpTimeoutException) {
        return retryable(
            TIMEOUT,
            t instanceof HttpConnectTimeoutException ? "connect timed out" : "request timed out",
            null);
      }
      if (t instanceof SSLException) {
        // A certificate the receiver can fix; delivery's retries end when it gives up.
        return retryable(TLS, message, null);
      }
      if (t instanceof ConnectException) {
        return retryable(CONNECTION, "connection refused or unreachable: " + message, null);
      }
    }
    if (error instanceof IOException || error.getCause() instanceof IOException) {
      return retryable(CONNECTION, message, null);
    }
    return retryable(CONNECTION, error.getClass().getSimpleName() + ": " + message, null);
  }

  SendResult timedOut() {
    return retryable(TIMEOUT, "no answer within the request timeout", null);
  }

  SendResult interrupted() {
    return retryable(INTERRUPTED, "interrupted while sending", null);
  }

  SendResult refused(String reason) {
    return permanent(ENDPOINT_REFUSED, reason);
  }

  SendResult unresolved(String reason) {
    return retryable(DNS, reason, null);
  }

  SendResult invalidBody(String reason) {
    return permanent(INVALID_BODY, reason);
  }

  SendResult invalidMessage(String reason) {
    return permanent(INVALID_MESSAGE, reason);
  }

  /** {@code Retry-After} as seconds or an HTTP date, relative to now; null if absent or garbled. */
  Duration retryAfter(String header) {
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
      Instant at = ZonedDateTime.parse(value, HTTP_DATE).toInstant();
      Duration wait = Duration.between(clock.instant(), at);
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException garbled) {
      return null;
    }
  }

  private static String detail(int status, byte[] body) {
    return "HTTP " + status + suffix(body);
  }

  private static String suffix(byte[] body) {
    return Optional.ofNullable(body)
        .filter(b -> b.length > 0)
        .map(b -> ": " + printable(new String(b, StandardCharsets.UTF_8)))
        .orElse("");
  }

  /** Receiver-supplied text for our logs and records: one line, no control characters, short. */
  static String printable(String text) {
    String oneLine = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    return oneLine.length() <= MAX_DETAIL_CHARS
        ? oneLine
        : oneLine.substring(0, MAX_DETAIL_CHARS) + "…";
  }

  private SendResult permanent(String code, String message) {
    return new SendResult.PermanentFailure(provider, code, message);
  }

  private SendResult retryable(String code, String message, Duration retryAfter) {
    return new SendResult.RetryableFailure(provider, code, message, retryAfter);
  }
}
