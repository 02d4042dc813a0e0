package io.kilowatch.channel.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.firebase.ErrorCode;
import com.google.firebase.messaging.MessagingErrorCode;
import io.kilowatch.channel.SendResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Classification of FCM answers, including ones the sandbox does not produce. */
class FcmAnswersTest {
  private final FcmAnswers answers =
      new FcmAnswers("fcm", Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC));

  private static FcmAnswers.Failure answer(
      int status, ErrorCode errorCode, MessagingErrorCode fcmCode, String retryAfter) {
    return new FcmAnswers.Failure(errorCode, fcmCode, status, retryAfter, null, "m", null);
  }

  @ParameterizedTest(name = "HTTP {0} {1}/{2} → {3} {4}")
  @CsvSource({
    "404, NOT_FOUND, UNREGISTERED, permanent, UNREGISTERED",
    "400, INVALID_ARGUMENT, INVALID_ARGUMENT, permanent, INVALID_ARGUMENT",
    "403, PERMISSION_DENIED, SENDER_ID_MISMATCH, permanent, SENDER_ID_MISMATCH",
    "401, UNAUTHENTICATED, THIRD_PARTY_AUTH_ERROR, permanent, auth",
    "429, RESOURCE_EXHAUSTED, QUOTA_EXCEEDED, retryable, QUOTA_EXCEEDED",
    "503, UNAVAILABLE, UNAVAILABLE, retryable, UNAVAILABLE",
    "500, INTERNAL, INTERNAL, retryable, INTERNAL",
    "401, UNAUTHENTICATED, , permanent, auth",
    "403, PERMISSION_DENIED, , permanent, auth",
    "429, RESOURCE_EXHAUSTED, , retryable, QUOTA_EXCEEDED",
    "502, UNKNOWN, , retryable, http-502",
    "504, DEADLINE_EXCEEDED, , retryable, DEADLINE_EXCEEDED",
    "404, NOT_FOUND, , permanent, NOT_FOUND",
    "409, CONFLICT, , permanent, CONFLICT",
    "418, UNKNOWN, , permanent, http-418",
    "200, UNKNOWN, , permanent, invalid-response"
  })
  void httpAnswers(
      int status, ErrorCode errorCode, MessagingErrorCode fcmCode, String kind, String code) {
    SendResult result = answers.classify(answer(status, errorCode, fcmCode, null));

    if (kind.equals("permanent")) {
      assertThat(result).isEqualTo(new SendResult.PermanentFailure("fcm", code, "m"));
    } else {
      assertThat(result).isEqualTo(new SendResult.RetryableFailure("fcm", code, "m", null));
    }
  }

  @Test
  void invalidArgumentIsAboutTheTokenOnlyWhenFcmSaysSo() {
    String tokenViolation =
        "{\"error\":{\"code\":400,\"status\":\"INVALID_ARGUMENT\",\"details\":["
            + "{\"@type\":\"type.googleapis.com/google.rpc.BadRequest\","
            + "\"fieldViolations\":[{\"field\":\"message.token\",\"description\":\"x\"}]}]}}";
    String otherViolation = tokenViolation.replace("message.token", "message.data");

    assertThat(code(invalid(tokenViolation, "Invalid value"))).isEqualTo("INVALID_TOKEN");
    assertThat(code(invalid(otherViolation, "Invalid value"))).isEqualTo("INVALID_ARGUMENT");
    assertThat(code(invalid(null, "The registration token is not a valid FCM registration token")))
        .as("older answers name the token only in the message")
        .isEqualTo("INVALID_TOKEN");
    assertThat(code(invalid("<html>not json</html>", "Request contains an invalid argument.")))
        .isEqualTo("INVALID_ARGUMENT");
    assertThat(
            code(
                answers.classify(
                    new FcmAnswers.Failure(
                        ErrorCode.INVALID_ARGUMENT, null, 400, null, tokenViolation, "m", null))))
        .as("without an FcmError detail, Google's status decides")
        .isEqualTo("INVALID_TOKEN");
  }

  private SendResult invalid(String content, String message) {
    return answers.classify(
        new FcmAnswers.Failure(
            ErrorCode.INVALID_ARGUMENT,
            MessagingErrorCode.INVALID_ARGUMENT,
            400,
            null,
            content,
            message,
            null));
  }

  @Test
  void retryAfterOfRetryableAnswersIsKept() {
    assertThat(
            answers.classify(
                answer(429, ErrorCode.RESOURCE_EXHAUSTED, MessagingErrorCode.QUOTA_EXCEEDED, "30")))
        .isEqualTo(
            new SendResult.RetryableFailure("fcm", "QUOTA_EXCEEDED", "m", Duration.ofSeconds(30)));
    assertThat(
            answers.classify(
                answer(
                    503,
                    ErrorCode.UNAVAILABLE,
                    MessagingErrorCode.UNAVAILABLE,
                    "Sun, 22 Nov 2026 08:01:30 GMT")))
        .isEqualTo(
            new SendResult.RetryableFailure("fcm", "UNAVAILABLE", "m", Duration.ofSeconds(90)));
  }

  @Test
  void retryAfterInSecondsOrHttpDate() {
    assertThat(answers.retryAfter("30")).isEqualTo(Duration.ofSeconds(30));
    assertThat(answers.retryAfter(" 0 ")).isEqualTo(Duration.ZERO);
    assertThat(answers.retryAfter("Sun, 22 Nov 2026 07:00:00 GMT")).isEqualTo(Duration.ZERO);
    assertThat(answers.retryAfter(null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "-5", "1.5"})
  void garbledRetryAfterIsIgnored(String header) {
    assertThat(answers.retryAfter(header)).isNull();
  }

  @Test
  void noAnswerAtAll() {
    assertThat(code(noAnswer(new IOException("wrapped", new SocketTimeoutException("Read")))))
        .isEqualTo("timeout");
    assertThat(code(noAnswer(new HttpConnectTimeoutException("connect timed out"))))
        .isEqualTo("timeout");
    assertThat(code(noAnswer(new ConnectException("Connection refused")))).isEqualTo("connection");
    assertThat(code(noAnswer(null))).isEqualTo("connection");
    assertThat(noAnswer(new ConnectException("x"))).isInstanceOf(SendResult.RetryableFailure.class);
  }

  private SendResult noAnswer(Throwable cause) {
    return answers.classify(
        new FcmAnswers.Failure(ErrorCode.UNKNOWN, null, null, null, null, "m", cause));
  }

  @Test
  void headerLookupIgnoresCaseAndTakesTheFirstValue() {
    assertThat(
            FcmAnswers.header(
                Map.of("X-Kilowatch-Provider-Retry-After", List.of("7", "8")),
                FcmTransport.PROVIDER_RETRY_AFTER))
        .isEqualTo("7");
    assertThat(FcmAnswers.header(Map.of("retry-after", "3"), "Retry-After")).isEqualTo("3");
    assertThat(FcmAnswers.header(Map.of("retry-after", List.of()), "Retry-After")).isNull();
    assertThat(FcmAnswers.header(null, "Retry-After")).isNull();
  }

  @Test
  void tokenRemovalContract() {
    assertThat(PushErrorCodes.removesToken("UNREGISTERED")).isTrue();
    assertThat(PushErrorCodes.removesToken("INVALID_TOKEN")).isTrue();
    assertThat(PushErrorCodes.removesToken("INVALID_ARGUMENT")).isFalse();
    assertThat(PushErrorCodes.removesToken("SENDER_ID_MISMATCH")).isFalse();
    assertThat(PushErrorCodes.removesToken("auth")).isFalse();
    assertThat(PushErrorCodes.removesToken(null)).isFalse();
  }

  private static String code(SendResult result) {
    if (result instanceof SendResult.PermanentFailure p) {
      return p.errorCode();
    }
    return ((SendResult.RetryableFailure) result).errorCode();
  }
}
