package io.kilowatch.sandbox;

import static io.kilowatch.sandbox.FcmClient.DEVICE;
import static io.kilowatch.sandbox.FcmClient.PROJECT;
import static io.kilowatch.sandbox.FcmClient.fcmErrorCode;
import static io.kilowatch.sandbox.FcmClient.json;
import static io.kilowatch.sandbox.FcmClient.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Failure modes of the sandbox's FCM API, set through the Java API and over HTTP. */
class FcmControlTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
  private ProviderSandbox sandbox;
  private FcmClient client;

  @BeforeEach
  void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.builder().clock(clock).build());
    client = new FcmClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @ParameterizedTest(name = "{0} → {1} {2}")
  @CsvSource({
    "UNREGISTERED, 404, NOT_FOUND",
    "INVALID_ARGUMENT, 400, INVALID_ARGUMENT",
    "SENDER_ID_MISMATCH, 403, PERMISSION_DENIED",
    "QUOTA_EXCEEDED, 429, RESOURCE_EXHAUSTED",
    "UNAVAILABLE, 503, UNAVAILABLE",
    "INTERNAL, 500, INTERNAL",
    "THIRD_PARTY_AUTH_ERROR, 401, UNAUTHENTICATED"
  })
  void failNextUsesFcmsStatusForEachErrorCode(String errorCode, int status, String canonical) {
    sandbox.fcm().failNext(1, errorCode);

    HttpResponse<String> response = client.send(message(DEVICE));

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(fcmErrorCode(response)).isEqualTo(errorCode);
    assertThat(json(response).at("/error/status").asText()).isEqualTo(canonical);
    assertThat(json(response).at("/error/code").asInt()).isEqualTo(status);
    assertThat(client.sendStatus()).as("only one failure").isEqualTo(200);
  }

  @Test
  void failNextFailsExactlyThatManyRequests() {
    sandbox.fcm().failNext(2, 500, "INTERNAL");

    assertThat(IntStream.range(0, 3).map(i -> client.sendStatus())).containsExactly(500, 500, 200);
    assertThat(sandbox.requests("fcm"))
        .extracting(RecordedRequest::responseStatus)
        .containsExactly(500, 500, 200);
  }

  @Test
  void failNextWithoutErrorCodeIsAPlainGoogleError() {
    sandbox.fcm().failNext(1, 502, null);

    HttpResponse<String> response = client.send(message(DEVICE));

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(json(response).at("/error/details").isMissingNode()).isTrue();
  }

  @Test
  void failNextCanCarryRetryAfterOnAnyStatus() {
    sandbox.fcm().failNext(1, 503, "UNAVAILABLE", "busy", Duration.ofMillis(2500));

    HttpResponse<String> response = client.send(message(DEVICE));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
    assertThat(json(response).at("/error/message").asText()).isEqualTo("busy");
  }

  @Test
  void quotaExceededFromFailNextCarriesRetryAfter() {
    sandbox.fcm().failNext(1, "QUOTA_EXCEEDED");

    assertThat(client.send(message(DEVICE)).headers().firstValue("Retry-After")).hasValue("1");
  }

  @Test
  void outageAnswers503UnavailableUntilItEnds() {
    sandbox.fcm().outage(Duration.ofSeconds(30));

    HttpResponse<String> response = client.send(message(DEVICE));
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(fcmErrorCode(response)).isEqualTo("UNAVAILABLE");
    clock.advance(Duration.ofSeconds(29));
    assertThat(client.sendStatus()).isEqualTo(503);
    clock.advance(Duration.ofSeconds(1));
    assertThat(client.sendStatus()).isEqualTo(200);
  }

  @Test
  void rateLimitAnswers429QuotaExceededWithRetryAfter() {
    sandbox.fcm().rateLimit(2, Duration.ofMillis(1500));

    assertThat(IntStream.range(0, 2).map(i -> client.sendStatus())).containsExactly(200, 200);
    HttpResponse<String> limited = client.send(message(DEVICE));
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(fcmErrorCode(limited)).isEqualTo("QUOTA_EXCEEDED");
    assertThat(limited.headers().firstValue("Retry-After")).as("rounded up").hasValue("2");
    clock.advance(Duration.ofSeconds(1));
    assertThat(client.sendStatus()).isEqualTo(200);
  }

  @Test
  void latencyDelaysAnswersFailuresIncluded() {
    sandbox.fcm().latency(Duration.ofMillis(250)).failNext(1, "UNAVAILABLE");

    long started = System.nanoTime();
    assertThat(client.sendStatus()).isEqualTo(503);

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(250));
  }

  @Test
  void faultsComeBeforeAuthentication() {
    sandbox.fcm().failNext(1, "INTERNAL");

    assertThat(client.send(PROJECT, "Bearer wrong", message(DEVICE)).statusCode()).isEqualTo(500);
  }

  @Test
  void controlsOverHttp() {
    assertThat(
            client
                .control(
                    "/_sandbox/fcm/fail",
                    "{\"count\":1,\"errorCode\":\"UNREGISTERED\",\"message\":\"gone\"}")
                .statusCode())
        .isEqualTo(204);
    HttpResponse<String> failed = client.send(message(DEVICE));
    assertThat(failed.statusCode()).isEqualTo(404);
    assertThat(fcmErrorCode(failed)).isEqualTo("UNREGISTERED");
    assertThat(json(failed).at("/error/message").asText()).isEqualTo("gone");

    client.control(
        "/_sandbox/fcm/fail",
        "{\"count\":1,\"status\":503,\"errorCode\":\"UNAVAILABLE\",\"retryAfterSeconds\":4}");
    assertThat(client.send(message(DEVICE)).headers().firstValue("Retry-After")).hasValue("4");

    client.control("/_sandbox/fcm/outage", "{\"millis\":60000}");
    assertThat(client.sendStatus()).isEqualTo(503);
    client.control("/_sandbox/fcm/reset", "");
    assertThat(client.sendStatus()).isEqualTo(200);

    client.control("/_sandbox/fcm/rate-limit", "{\"permitsPerSecond\":0,\"retryAfterSeconds\":3}");
    HttpResponse<String> limited = client.send(message(DEVICE));
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("3");

    client.control("/_sandbox/fcm/reset", "");
    client.control("/_sandbox/fcm/latency", "{\"millis\":200}");
    long started = System.nanoTime();
    assertThat(client.sendStatus()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void resetRestoresAHealthyFcm() {
    sandbox.fcm().failNext(5, "INTERNAL").outage(Duration.ofHours(1));
    sandbox.fcm().rateLimit(0, Duration.ofSeconds(1)).latency(Duration.ofSeconds(5));

    sandbox.fcm().reset();

    long started = System.nanoTime();
    assertThat(client.sendStatus()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void badControlRequestsAreRejected() {
    assertThat(client.control("/_sandbox/fcm/fail", "{\"count\":1}").statusCode()).isEqualTo(400);
    assertThat(
            client
                .control("/_sandbox/fcm/fail", "{\"count\":1,\"errorCode\":\"NO_SUCH_CODE\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            client
                .control("/_sandbox/fcm/fail", "{\"count\":1,\"status\":200,\"errorCode\":null}")
                .statusCode())
        .isEqualTo(400);
    assertThat(client.control("/_sandbox/fcm/latency", "not json").statusCode()).isEqualTo(400);
    assertThat(client.control("/_sandbox/fcm/explode", "{}").statusCode()).isEqualTo(404);
    assertThat(client.sendStatus()).as("nothing was changed").isEqualTo(200);
  }

  @Test
  void javaApiRejectsNonsense() {
    assertThatThrownBy(() -> sandbox.fcm().failNext(1, "NOPE"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.fcm().failNext(-1, "INTERNAL"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.fcm().failNext(1, 302, "INTERNAL"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.fcm().latency(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.fcm().rateLimit(-1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
