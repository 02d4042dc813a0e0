package io.kilowatch.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.sendgrid.Response;
import io.kilowatch.channel.SendResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.conn.ConnectionPoolTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Classification of SendGrid's answers, including shapes the sandbox does not produce. */
class SendGridAnswersTest {
  private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
  private final SendGridAnswers answers =
      new SendGridAnswers("sendgrid", Clock.fixed(NOW, ZoneOffset.UTC));

  private static Response response(int status, String body, Map<String, String> headers) {
    return new Response(status, body, headers);
  }

  @Test
  void acceptedReadsTheMessageIdWhateverTheHeadersCase() {
    assertThat(answers.answer(response(202, "", Map.of("x-message-id", "abc123"))))
        .isEqualTo(new SendResult.Accepted("sendgrid", "abc123"));
  }

  @Test
  void successWithoutMessageIdIsPermanentSoItIsNotSentTwice() {
    SendResult result = answers.answer(response(200, "", Map.of()));

    assertThat(result).isInstanceOf(SendResult.PermanentFailure.class);
    assertThat(((SendResult.PermanentFailure) result).errorCode()).isEqualTo("invalid-response");
  }

  @Test
  void retryAfterInSecondsOrAsHttpDate() {
    assertThat(answers.retryAfter(Map.of("Retry-After", "12"))).isEqualTo(Duration.ofSeconds(12));
    assertThat(answers.retryAfter(Map.of("retry-after", "Sun, 22 Nov 2026 08:01:30 GMT")))
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(answers.retryAfter(Map.of("Retry-After", "Sun, 22 Nov 2026 07:00:00 GMT")))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void rateLimitResetIsTheFallbackForRetryAfter() {
    String reset = Long.toString(NOW.getEpochSecond() + 42);

    SendResult result =
        answers.answer(
            response(
                429,
                "{\"errors\":[{\"field\":null,\"message\":\"too many requests\"}]}",
                Map.of("X-RateLimit-Reset", reset, "X-RateLimit-Remaining", "0")));

    assertThat(result)
        .isEqualTo(
            new SendResult.RetryableFailure(
                "sendgrid", "http-429", "too many requests", Duration.ofSeconds(42)));
  }

  @Test
  void garbledRetryHintsAreIgnored() {
    assertThat(answers.retryAfter(Map.of("Retry-After", "soon", "X-RateLimit-Reset", "later")))
        .isNull();
    assertThat(answers.retryAfter(Map.of("Retry-After", "-5"))).isNull();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "400, permanent, http-400",
    "401, permanent, auth",
    "403, permanent, http-403",
    "404, permanent, http-404",
    "408, retryable, http-408",
    "413, permanent, http-413",
    "429, retryable, http-429",
    "500, retryable, http-500",
    "502, retryable, http-502",
    "503, retryable, http-503",
    "504, retryable, http-504"
  })
  void statusClassification(int status, String kind, String code) {
    SendResult result = answers.answer(response(status, "", Map.of()));

    if (kind.equals("permanent")) {
      assertThat(result).isInstanceOf(SendResult.PermanentFailure.class);
      assertThat(((SendResult.PermanentFailure) result).errorCode()).isEqualTo(code);
    } else {
      assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
      assertThat(((SendResult.RetryableFailure) result).errorCode()).isEqualTo(code);
    }
  }

  @Test
  void severalSendGridErrorsAreJoinedWithTheirFields() {
    SendResult result =
        answers.answer(
            response(
                400,
                "{\"errors\":[{\"message\":\"Does not contain a valid address.\","
                    + "\"field\":\"personalizations.0.to.0.email\",\"help\":null},"
                    + "{\"message\":\"Bad Request\",\"field\":null,\"help\":null}]}",
                Map.of()));

    assertThat(((SendResult.PermanentFailure) result).message())
        .isEqualTo("personalizations.0.to.0.email: Does not contain a valid address.; Bad Request");
  }

  @Test
  void nonJsonErrorBodiesAreKeptShort() {
    SendResult result = answers.answer(response(502, "<html>" + "x".repeat(2000), Map.of()));

    assertThat(((SendResult.RetryableFailure) result).message())
        .startsWith("HTTP 502: <html>")
        .hasSizeLessThan(510);
  }

  @Test
  void noAnswerIsTimeoutOrConnection() {
    assertThat(errorCode(answers.noAnswer(new SocketTimeoutException("Read timed out"))))
        .isEqualTo("timeout");
    assertThat(errorCode(answers.noAnswer(new ConnectTimeoutException("connect"))))
        .isEqualTo("timeout");
    assertThat(errorCode(answers.noAnswer(new ConnectionPoolTimeoutException("pool"))))
        .isEqualTo("timeout");
    assertThat(errorCode(answers.noAnswer(new IOException(new SocketTimeoutException()))))
        .isEqualTo("timeout");
    assertThat(errorCode(answers.noAnswer(new ConnectException("refused"))))
        .isEqualTo("connection");
  }

  private static String errorCode(SendResult result) {
    assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
    return ((SendResult.RetryableFailure) result).errorCode();
  }
}
