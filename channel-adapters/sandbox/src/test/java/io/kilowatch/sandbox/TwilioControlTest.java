package io.kilowatch.sandbox;

import static io.kilowatch.sandbox.SandboxClient.json;
import static io.kilowatch.sandbox.SandboxClient.sms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failure modes of the sandbox's Twilio API, set through the Java API and over HTTP. */
class TwilioControlTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
  private ProviderSandbox sandbox;
  private SandboxClient client;

  @BeforeEach
  void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.builder().clock(clock).build());
    client = new SandboxClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private int send() {
    return client.createMessage(sms("+4915112345678", "hi")).statusCode();
  }

  @Test
  void failNextFailsExactlyThatManyRequestsInTwilioShape() {
    sandbox.twilio().failNext(2, 500, 20500);

    HttpResponse<String> first = client.createMessage(sms("+4915112345678", "hi"));
    assertThat(first.statusCode()).isEqualTo(500);
    assertThat(first.body())
        .isEqualTo(
            "{\"code\":20500,\"message\":\"Internal Server Error\","
                + "\"more_info\":\"https://www.twilio.com/docs/errors/20500\",\"status\":500}");
    assertThat(send()).isEqualTo(500);
    assertThat(send()).isEqualTo(201);
  }

  @Test
  void failNextOverHttpTakesStatusCodeAndMessage() {
    HttpResponse<String> control =
        client.control(
            "/_sandbox/twilio/fail",
            "{\"count\":1,\"status\":400,\"code\":21610,\"message\":\"opted out\"}");
    assertThat(control.statusCode()).isEqualTo(204);

    HttpResponse<String> failed = client.createMessage(sms("+4915112345678", "hi"));
    assertThat(failed.statusCode()).isEqualTo(400);
    assertThat(json(failed).get("code").asInt()).isEqualTo(21610);
    assertThat(json(failed).get("message").asText()).isEqualTo("opted out");
    assertThat(send()).isEqualTo(201);
  }

  @Test
  void failedRequestsAreRecordedWithTheirStatus() {
    sandbox.twilio().failNext(1, 502, 20500);
    send();
    send();

    assertThat(sandbox.requests())
        .extracting(RecordedRequest::responseStatus)
        .containsExactly(502, 201);
  }

  @Test
  void outageAnswers503UntilItEnds() {
    sandbox.twilio().outage(Duration.ofSeconds(30));

    HttpResponse<String> response = client.createMessage(sms("+4915112345678", "hi"));
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(json(response).get("code").asInt()).isEqualTo(20503);
    clock.advance(Duration.ofSeconds(29));
    assertThat(send()).isEqualTo(503);
    clock.advance(Duration.ofSeconds(1));
    assertThat(send()).isEqualTo(201);
  }

  @Test
  void outageOverHttp() {
    assertThat(client.control("/_sandbox/twilio/outage", "{\"millis\":60000}").statusCode())
        .isEqualTo(204);

    assertThat(send()).isEqualTo(503);
    clock.advance(Duration.ofMinutes(1));
    assertThat(send()).isEqualTo(201);
  }

  @Test
  void rateLimitAnswers429WithRetryAfterAndTwilioCode() {
    sandbox.twilio().rateLimit(0, Duration.ofSeconds(7));

    HttpResponse<String> response = client.createMessage(sms("+4915112345678", "hi"));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(json(response).get("code").asInt()).isEqualTo(20429);
    assertThat(json(response).get("status").asInt()).isEqualTo(429);
  }

  @Test
  void rateLimitAllowsPermitsPerClockSecond() {
    sandbox.twilio().rateLimit(2, Duration.ofMillis(1500));

    assertThat(IntStream.range(0, 3).map(i -> send())).containsExactly(201, 201, 429);
    assertThat(
            client.createMessage(sms("+4915112345678", "hi")).headers().firstValue("Retry-After"))
        .as("rounded up to whole seconds")
        .hasValue("2");
    clock.advance(Duration.ofSeconds(1));
    assertThat(send()).isEqualTo(201);
  }

  @Test
  void rateLimitOverHttp() {
    client.control(
        "/_sandbox/twilio/rate-limit", "{\"permitsPerSecond\":0,\"retryAfterSeconds\":3}");

    HttpResponse<String> response = client.createMessage(sms("+4915112345678", "hi"));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
  }

  @Test
  void failNextWith429CarriesRetryAfter() {
    sandbox.twilio().failNext(1, 429, 20429);

    HttpResponse<String> response = client.createMessage(sms("+4915112345678", "hi"));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
  }

  @Test
  void latencyDelaysEveryAnswerWithoutLosingTheRecord() {
    sandbox.twilio().latency(Duration.ofMillis(300));

    long started = System.nanoTime();
    assertThat(send()).isEqualTo(201);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

    assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(sandbox.requests()).hasSize(1);
  }

  @Test
  void latencyOverHttpAppliesToFailuresToo() {
    client.control("/_sandbox/twilio/latency", "{\"millis\":200}");
    sandbox.twilio().failNext(1, 503, 20503);

    long started = System.nanoTime();
    assertThat(send()).isEqualTo(503);

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void resetOverHttpRestoresAHealthyTwilio() {
    sandbox.twilio().failNext(5, 500, 20500).outage(Duration.ofHours(1));
    sandbox.twilio().rateLimit(0, Duration.ofSeconds(1)).latency(Duration.ofSeconds(5));

    assertThat(client.control("/_sandbox/twilio/reset", "").statusCode()).isEqualTo(204);

    long started = System.nanoTime();
    assertThat(send()).isEqualTo(201);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void faultsComeBeforeAuthentication() {
    sandbox.twilio().failNext(1, 500, 20500);

    HttpResponse<String> response =
        client.createMessage(
            SandboxClient.SID, SandboxClient.SID, "wrong", sms("+4915112345678", "hi"));

    assertThat(response.statusCode()).isEqualTo(500);
  }

  @Test
  void badControlRequestsAreRejected() {
    assertThat(client.control("/_sandbox/twilio/fail", "{\"count\":1}").statusCode())
        .isEqualTo(400);
    assertThat(
            client
                .control("/_sandbox/twilio/fail", "{\"count\":1,\"status\":200,\"code\":1}")
                .statusCode())
        .isEqualTo(400);
    assertThat(client.control("/_sandbox/twilio/latency", "not json").statusCode()).isEqualTo(400);
    assertThat(client.control("/_sandbox/twilio/explode", "{}").statusCode()).isEqualTo(404);
    assertThat(client.control("/_sandbox/nobody/reset", "{}").statusCode()).isEqualTo(404);
    assertThat(send()).as("nothing was changed").isEqualTo(201);
  }

  @Test
  void javaApiRejectsNonsense() {
    assertThatThrownBy(() -> sandbox.twilio().failNext(-1, 500, 20500))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.twilio().failNext(1, 201, 20500))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.twilio().latency(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.twilio().rateLimit(-1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
