package io.kilowatch.channel.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import io.kilowatch.channel.SendResult;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Maps what Twilio (or the network on the way) answered onto Kilowatch's {@link SendResult}.
 *
 * <ul>
 *   <li>recipient errors (invalid, unreachable, landline, opted out, blocked region) → {@code
 *       PermanentFailure} with Twilio's code
 *   <li>401/403 or code 20003 → {@code PermanentFailure} with code {@code auth}: no retry will fix
 *       the credentials, and delivery can still fall back to another provider or channel
 *   <li>429 / 20429 → {@code RetryableFailure} with the {@code Retry-After} hint
 *   <li>5xx → {@code RetryableFailure} with Twilio's code, or {@code http-<status>}
 *   <li>no answer: timeout → {@code RetryableFailure("timeout")}, anything else (refused, reset,
 *       DNS) → {@code RetryableFailure("connection")}
 *   <li>other 4xx (bad From, body too long, ...) → {@code PermanentFailure} with Twilio's code
 * </ul>
 *
 * Stateless and thread-safe.
 */
final class TwilioAnswers {
  static final String AUTH = "auth";
  static final String TIMEOUT = "timeout";
  static final String CONNECTION = "connection";
  static final String INVALID_RESPONSE = "invalid-response";

  /**
   * Twilio codes that say the recipient cannot get this SMS, however often it is sent. See
   * https://www.twilio.com/docs/api/errors.
   */
  static final Set<Integer> RECIPIENT_CODES =
      Set.of(
          21211, // 'To' is not a valid phone number
          21214, // 'To' cannot be reached / not a valid number
          21217, // phone number does not appear to be valid
          21401, // invalid phone number
          21407, // destination not supported
          21408, // no permission to send to this region
          21610, // recipient replied STOP (opted out)
          21612, // 'To' not reachable from this 'From' via SMS
          21614, // 'To' is not a mobile number
          21635, // 'To' is a landline
          30003, // unreachable destination handset
          30004, // message blocked
          30005, // unknown destination handset
          30006); // landline or unreachable carrier

  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

  private final String provider;
  private final Clock clock;

  TwilioAnswers(String provider, Clock clock) {
    this.provider = provider;
    this.clock = clock;
  }

  /**
   * Classifies a failed send.
   *
   * @param answer status and Retry-After of the HTTP answer, or null if none arrived
   */
  SendResult failure(TwilioException error, TwilioHttpClient.Answer answer) {
    String message = error.getMessage();
    Integer status = answer != null ? Integer.valueOf(answer.status()) : statusOf(error);
    if (status == null) {
      if (error instanceof ApiConnectionException) {
        return retryable(CONNECTION, message, null);
      }
      return retryable(timedOut(error) ? TIMEOUT : CONNECTION, message, null);
    }
    Integer code = error instanceof ApiException api ? api.getCode() : null;
    Duration retryAfter = answer == null ? null : retryAfter(answer.retryAfter());
    if (code != null && RECIPIENT_CODES.contains(code)) {
      return permanent(code.toString(), message);
    }
    if (status == 401 || status == 403 || (code != null && code == 20003)) {
      return permanent(AUTH, message);
    }
    if (status == 429 || (code != null && code == 20429)) {
      return retryable(code != null ? code.toString() : "http-429", message, retryAfter);
    }
    if (status >= 500) {
      return retryable(code != null ? code.toString() : "http-" + status, message, retryAfter);
    }
    if (status < 300) {
      // Twilio took the message but its answer could not be read. Retrying could send the SMS
      // twice, so this counts as final (delivery may still fall back); the SMS may still arrive.
      return permanent(INVALID_RESPONSE, message);
    }
    return permanent(code != null ? code.toString() : "http-" + status, message);
  }

  /** Twilio said yes but named no message; see the 2xx case in {@link #failure}. */
  SendResult acceptedWithoutSid() {
    return permanent(INVALID_RESPONSE, "Twilio accepted the message without a sid");
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

  private static Integer statusOf(TwilioException error) {
    if (error instanceof ApiException api) {
      // Either the HTTP status or the "status" in Twilio's error JSON.
      return api.getStatusCode();
    }
    return null;
  }

  private static boolean timedOut(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      // Covers SocketTimeoutException and HttpClient's connect and pool-lease timeouts.
      if (t instanceof InterruptedIOException) {
        return true;
      }
    }
    return false;
  }

  private SendResult permanent(String code, String message) {
    return new SendResult.PermanentFailure(provider, code, message);
  }

  private SendResult retryable(String code, String message, Duration retryAfter) {
    return new SendResult.RetryableFailure(provider, code, message, retryAfter);
  }
}
