package io.kilowatch.channel.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.http.HttpResponseException;
import com.google.firebase.ErrorCode;
import com.google.firebase.IncomingHttpResponse;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.MessagingErrorCode;
import io.kilowatch.channel.SendResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps what FCM (or the network on the way) answered onto Kilowatch's {@link SendResult}; the codes
 * are in {@link PushErrorCodes}.
 *
 * <ul>
 *   <li>{@code UNREGISTERED} → permanent {@code UNREGISTERED} (remove the token)
 *   <li>{@code INVALID_ARGUMENT} about {@code message.token} → permanent {@code INVALID_TOKEN}
 *       (remove the token); about anything else → permanent {@code INVALID_ARGUMENT}
 *   <li>{@code SENDER_ID_MISMATCH} → permanent {@code SENDER_ID_MISMATCH}
 *   <li>{@code THIRD_PARTY_AUTH_ERROR}, 401, 403 → permanent {@code auth}
 *   <li>{@code QUOTA_EXCEEDED} / 429, {@code UNAVAILABLE}, {@code INTERNAL}, any 5xx → retryable,
 *       with the provider's {@code Retry-After}
 *   <li>no answer: timeout → retryable {@code timeout}; refused, reset, DNS → retryable {@code
 *       connection}
 *   <li>other 4xx → permanent with Google's status (e.g. {@code NOT_FOUND} for an unknown project)
 * </ul>
 *
 * Stateless and thread-safe.
 */
final class FcmAnswers {
  /**
   * What is known about one failed send, independent of the SDK's exception type (whose
   * constructors are not public, so tests build these instead).
   *
   * @param httpStatus status of FCM's answer, or null if none arrived
   * @param retryAfter the provider's {@code Retry-After}, or null
   * @param content FCM's error body, or null
   */
  record Failure(
      ErrorCode errorCode,
      MessagingErrorCode messagingErrorCode,
      Integer httpStatus,
      String retryAfter,
      String content,
      String message,
      Throwable cause) {

    static Failure of(FirebaseMessagingException e) {
      IncomingHttpResponse http = e.getHttpResponse();
      return new Failure(
          e.getErrorCode(),
          e.getMessagingErrorCode(),
          http == null ? null : http.getStatusCode(),
          http == null ? null : header(http.getHeaders(), FcmTransport.PROVIDER_RETRY_AFTER),
          http == null ? null : http.getContent(),
          e.getMessage(),
          e.getCause());
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BAD_REQUEST_TYPE = "type.googleapis.com/google.rpc.BadRequest";
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

  private final String provider;
  private final Clock clock;

  FcmAnswers(String provider, Clock clock) {
    this.provider = provider;
    this.clock = clock;
  }

  SendResult failure(FirebaseMessagingException error) {
    return classify(Failure.of(error));
  }

  SendResult classify(Failure f) {
    String message = f.message();
    if (f.httpStatus() == null) {
      if (f.cause() instanceof HttpResponseException) {
        // Defensive: the SDK normally turns these into an answer with a status.
        return retryable(PushErrorCodes.CONNECTION, message, null);
      }
      return retryable(
          timedOut(f.cause()) ? PushErrorCodes.TIMEOUT : PushErrorCodes.CONNECTION, message, null);
    }
    int status = f.httpStatus();
    Duration retryAfter = retryAfter(f.retryAfter());
    if (f.messagingErrorCode() != null) {
      switch (f.messagingErrorCode()) {
        case UNREGISTERED:
          return permanent(PushErrorCodes.UNREGISTERED, message);
        case INVALID_ARGUMENT:
          return invalidArgument(f);
        case SENDER_ID_MISMATCH:
          return permanent(PushErrorCodes.SENDER_ID_MISMATCH, message);
        case THIRD_PARTY_AUTH_ERROR:
          return permanent(PushErrorCodes.AUTH, message);
        case QUOTA_EXCEEDED:
          return retryable(PushErrorCodes.QUOTA_EXCEEDED, message, retryAfter);
        case UNAVAILABLE:
          return retryable(PushErrorCodes.UNAVAILABLE, message, retryAfter);
        case INTERNAL:
          return retryable(PushErrorCodes.INTERNAL, message, retryAfter);
        default:
          break; // a code newer than this adapter: fall back on the HTTP status
      }
    }
    if (status == 401 || status == 403) {
      return permanent(PushErrorCodes.AUTH, message);
    }
    if (status == 429) {
      return retryable(PushErrorCodes.QUOTA_EXCEEDED, message, retryAfter);
    }
    if (status >= 500) {
      return retryable(googleCode(f), message, retryAfter);
    }
    if (status < 300) {
      // FCM took the message but its answer could not be read. Retrying could notify twice, so
      // this counts as final (delivery may still fall back); the push may still arrive.
      return permanent(PushErrorCodes.INVALID_RESPONSE, message);
    }
    if (f.errorCode() == ErrorCode.INVALID_ARGUMENT) {
      return invalidArgument(f);
    }
    return permanent(googleCode(f), message);
  }

  /** FCM's 200 without a message name; see the 2xx case in {@link #classify}. */
  SendResult acceptedWithoutName() {
    return permanent(PushErrorCodes.INVALID_RESPONSE, "FCM accepted the message without a name");
  }

  /**
   * {@code INVALID_ARGUMENT} means a dead token only if FCM says the token is the problem: a {@code
   * google.rpc.BadRequest} violation of {@code message.token}, or (older answers) a message about
   * the registration token. Anything else is our payload, and the token must be kept.
   */
  private SendResult invalidArgument(Failure f) {
    boolean aboutToken = false;
    if (f.content() != null) {
      try {
        for (JsonNode detail : JSON.readTree(f.content()).path("error").path("details")) {
          if (BAD_REQUEST_TYPE.equals(detail.path("@type").asText())) {
            for (JsonNode violation : detail.path("fieldViolations")) {
              aboutToken |= "message.token".equals(violation.path("field").asText());
            }
          }
        }
      } catch (IOException notJson) {
        // fall back on the message
      }
    }
    String message = f.message() == null ? "" : f.message();
    aboutToken |= message.toLowerCase(Locale.ROOT).contains("registration token");
    return permanent(
        aboutToken ? PushErrorCodes.INVALID_TOKEN : PushErrorCodes.INVALID_ARGUMENT, f.message());
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

  private static String googleCode(Failure f) {
    return f.errorCode() != null && f.errorCode() != ErrorCode.UNKNOWN
        ? f.errorCode().name()
        : "http-" + f.httpStatus();
  }

  private static boolean timedOut(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      // SocketTimeoutException and InterruptedIOException; the JDK client's connect and request
      // timeouts are HttpTimeoutExceptions.
      if (t instanceof InterruptedIOException || t instanceof HttpTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** First value of a header in the SDK's header map (names in any case, values list or text). */
  static String header(Map<String, Object> headers, String name) {
    if (headers == null) {
      return null;
    }
    for (Map.Entry<String, Object> entry : headers.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        Object value = entry.getValue();
        if (value instanceof List<?> list) {
          return list.isEmpty() ? null : String.valueOf(list.get(0));
        }
        return value == null ? null : value.toString();
      }
    }
    return null;
  }

  private SendResult permanent(String code, String message) {
    return new SendResult.PermanentFailure(provider, code, message);
  }

  private SendResult retryable(String code, String message, Duration retryAfter) {
    return new SendResult.RetryableFailure(provider, code, message, retryAfter);
  }
}
