package io.kilowatch.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import io.kilowatch.channel.SendResult;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Classification of Twilio answers that the sandbox cannot easily produce. */
class TwilioAnswersTest {
  private final TwilioAnswers answers =
      new TwilioAnswers(
          "twilio", Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC));

  @Test
  void retryAfterInSeconds() {
    assertThat(answers.retryAfter("30")).isEqualTo(Duration.ofSeconds(30));
    assertThat(answers.retryAfter(" 0 ")).isEqualTo(Duration.ZERO);
  }

  @Test
  void retryAfterAsHttpDateIsRelativeToNow() {
    assertThat(answers.retryAfter("Sun, 22 Nov 2026 08:01:30 GMT"))
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(answers.retryAfter("Sun, 22 Nov 2026 07:00:00 GMT")).isEqualTo(Duration.ZERO);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "-5", "1.5"})
  void garbledRetryAfterIsIgnored(String header) {
    assertThat(answers.retryAfter(header)).isNull();
  }

  @Test
  void absentRetryAfterIsNull() {
    assertThat(answers.retryAfter(null)).isNull();
  }

  @ParameterizedTest(name = "HTTP {0}, code {1} → {2} {3}")
  @CsvSource({
    "400, 21211, permanent, 21211",
    "400, 21610, permanent, 21610",
    "400, 30006, permanent, 30006",
    "401, 20003, permanent, auth",
    "403, 20403, permanent, auth",
    "429, 20429, retryable, 20429",
    "500, 20500, retryable, 20500",
    "502, , retryable, http-502",
    "400, 21606, permanent, 21606",
    "404, , permanent, http-404",
    "201, , permanent, invalid-response"
  })
  void httpAnswers(int status, Integer code, String kind, String errorCode) {
    ApiException error = new ApiException("m", code, null, status, status, null, null, null);

    SendResult result = answers.failure(error, new TwilioHttpClient.Answer(status, null));

    if (kind.equals("permanent")) {
      assertThat(result).isEqualTo(new SendResult.PermanentFailure("twilio", errorCode, "m"));
    } else {
      assertThat(result).isEqualTo(new SendResult.RetryableFailure("twilio", errorCode, "m", null));
    }
  }

  @Test
  void statusFromTwiliosErrorJsonWhenNoAnswerWasRecorded() {
    ApiException error =
        new ApiException("Too Many Requests", 20429, null, 429, 429, null, null, null);

    assertThat(answers.failure(error, null))
        .isEqualTo(new SendResult.RetryableFailure("twilio", "20429", "Too Many Requests", null));
  }

  @Test
  void noAnswerAtAll() {
    assertThat(
            answers.failure(
                new ApiException("Read timed out", new SocketTimeoutException("Read timed out")),
                null))
        .extracting(r -> ((SendResult.RetryableFailure) r).errorCode())
        .isEqualTo("timeout");
    assertThat(
            answers.failure(
                new ApiException("Connection reset", new IOException("Connection reset")), null))
        .extracting(r -> ((SendResult.RetryableFailure) r).errorCode())
        .isEqualTo("connection");
    assertThat(answers.failure(new ApiConnectionException("unable to connect"), null))
        .extracting(r -> ((SendResult.RetryableFailure) r).errorCode())
        .isEqualTo("connection");
  }
}
