package io.kilowatch.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.channel.SendResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Classification of answers and failures the local receiver cannot easily produce. */
class WebhookAnswersTest {
  private final WebhookAnswers answers =
      new WebhookAnswers(
          "webhook", Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC));

  private static HttpHeaders headers(Map<String, String> values) {
    return HttpHeaders.of(
        values.entrySet().stream()
            .collect(
                java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
        (name, value) -> true);
  }

  @ParameterizedTest(name = "HTTP {0} → {1} {2}")
  @CsvSource({
    "200, accepted, ntf-1",
    "201, accepted, ntf-1",
    "204, accepted, ntf-1",
    "299, accepted, ntf-1",
    "300, permanent, redirect",
    "301, permanent, redirect",
    "302, permanent, redirect",
    "307, permanent, redirect",
    "308, permanent, redirect",
    "400, permanent, http-400",
    "401, permanent, http-401",
    "404, permanent, http-404",
    "409, permanent, http-409",
    "408, retryable, http-408",
    "425, retryable, http-425",
    "429, retryable, http-429",
    "500, retryable, http-500",
    "503, retryable, http-503",
    "599, retryable, http-599",
    "600, permanent, http-600",
    "199, permanent, http-199"
  })
  void statuses(int status, String kind, String code) {
    SendResult result = answers.answer("ntf-1", status, headers(Map.of()), new byte[0]);

    switch (kind) {
      case "accepted":
        assertThat(result).isEqualTo(new SendResult.Accepted("webhook", code));
        break;
      case "retryable":
        assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
        assertThat(((SendResult.RetryableFailure) result).errorCode()).isEqualTo(code);
        break;
      default:
        assertThat(result).isInstanceOf(SendResult.PermanentFailure.class);
        assertThat(((SendResult.PermanentFailure) result).errorCode()).isEqualTo(code);
    }
  }

  @Test
  void retryAfterComesWithRetryableAnswersOnly() {
    HttpHeaders retryAfter = headers(Map.of("Retry-After", "30"));

    assertThat(answers.answer("n", 503, retryAfter, new byte[0]))
        .isEqualTo(
            new SendResult.RetryableFailure(
                "webhook", "http-503", "HTTP 503", Duration.ofSeconds(30)));
    assertThat(answers.answer("n", 400, retryAfter, new byte[0]))
        .isEqualTo(new SendResult.PermanentFailure("webhook", "http-400", "HTTP 400"));
  }

  @Test
  void retryAfterInSecondsOrAsHttpDate() {
    assertThat(answers.retryAfter("30")).isEqualTo(Duration.ofSeconds(30));
    assertThat(answers.retryAfter(" 0 ")).isEqualTo(Duration.ZERO);
    assertThat(answers.retryAfter("Sun, 22 Nov 2026 08:01:30 GMT"))
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(answers.retryAfter("Sun, 22 Nov 2026 07:00:00 GMT")).isEqualTo(Duration.ZERO);
    assertThat(answers.retryAfter(null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "-5", "1.5"})
  void garbledRetryAfterIsIgnored(String header) {
    assertThat(answers.retryAfter(header)).isNull();
  }

  @Test
  void receiverTextIsOneShortLineWithoutControlCharacters() {
    String text = "line1\r\nline2\u0000\u001b[31m" + "y".repeat(2000);

    String printable = WebhookAnswers.printable(text);

    assertThat(printable)
        .startsWith("line1 line2 [31m")
        .doesNotContain("\n", "\r", "\u0000", "\u001b");
    assertThat(printable).hasSizeLessThanOrEqualTo(1025);
  }

  @Test
  void noAnswer() {
    assertThat(code(answers.noAnswer(new HttpConnectTimeoutException("connect timed out"))))
        .isEqualTo("timeout");
    assertThat(code(answers.noAnswer(new HttpTimeoutException("request timed out"))))
        .isEqualTo("timeout");
    assertThat(code(answers.noAnswer(new ConnectException()))).isEqualTo("connection");
    assertThat(code(answers.noAnswer(new IOException("Connection reset", new IOException()))))
        .isEqualTo("connection");
    assertThat(code(answers.noAnswer(new SSLHandshakeException("PKIX path building failed"))))
        .isEqualTo("tls");
    assertThat(code(answers.noAnswer(new IOException("wrapped", new SSLHandshakeException("x")))))
        .isEqualTo("tls");
  }

  private static String code(SendResult result) {
    assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
    return ((SendResult.RetryableFailure) result).errorCode();
  }
}
