package io.kilowatch.sandbox;

import static io.kilowatch.sandbox.SandboxClient.json;
import static io.kilowatch.sandbox.SendGridClient.mail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failure modes of the sandbox's SendGrid API, set through the Java API and over HTTP. */
class SendGridControlTest {
  private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
  private final MutableClock clock = new MutableClock(NOW);
  private ProviderSandbox sandbox;
  private SendGridClient client;

  @BeforeEach
  void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.builder().clock(clock).build());
    client = new SendGridClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private int send() {
    return client.send(mail("anna@example.com")).statusCode();
  }

  @Test
  void failNextFailsExactlyThatManyRequestsInSendGridShape() {
    sandbox.sendgrid().failNext(2, 500);

    HttpResponse<String> first = client.send(mail("anna@example.com"));
    assertThat(first.statusCode()).isEqualTo(500);
    assertThat(first.body())
        .isEqualTo(
            "{\"errors\":[{\"message\":\"Internal Server Error\",\"field\":null,\"help\":null}]}");
    assertThat(first.headers().firstValue("X-Message-Id")).isEmpty();
    assertThat(send()).isEqualTo(500);
    assertThat(send()).isEqualTo(202);
  }

  @Test
  void failNextCarriesSendGridsMessageAndField() {
    sandbox
        .sendgrid()
        .failNext(1, 403, "The from address does not match a verified Sender Identity.", "from");

    HttpResponse<String> response = client.send(mail("anna@example.com"));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(json(response).at("/errors/0/message").asText())
        .isEqualTo("The from address does not match a verified Sender Identity.");
    assertThat(json(response).at("/errors/0/field").asText()).isEqualTo("from");
  }

  @Test
  void failNextOverHttp() {
    HttpResponse<String> control =
        client.control(
            "/_sandbox/sendgrid/fail", "{\"count\":1,\"status\":413,\"field\":\"content\"}");
    assertThat(control.statusCode()).isEqualTo(204);

    HttpResponse<String> failed = client.send(mail("anna@example.com"));
    assertThat(failed.statusCode()).isEqualTo(413);
    assertThat(json(failed).at("/errors/0/message").asText()).contains("30MB");
    assertThat(json(failed).at("/errors/0/field").asText()).isEqualTo("content");
    assertThat(send()).isEqualTo(202);
  }

  @Test
  void failuresAreRecordedWithTheirStatus() {
    sandbox.sendgrid().failNext(1, 502);
    send();
    send();

    assertThat(sandbox.requests("sendgrid"))
        .extracting(RecordedRequest::responseStatus)
        .containsExactly(502, 202);
  }

  @Test
  void outageAnswers503UntilItEnds() {
    sandbox.sendgrid().outage(Duration.ofSeconds(30));

    HttpResponse<String> response = client.send(mail("anna@example.com"));
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(json(response).at("/errors/0/message").asText()).isEqualTo("Service Unavailable");
    clock.advance(Duration.ofSeconds(29));
    assertThat(send()).isEqualTo(503);
    clock.advance(Duration.ofSeconds(1));
    assertThat(send()).isEqualTo(202);
  }

  @Test
  void outageOverHttpComesBeforeAuthentication() {
    client.control("/_sandbox/sendgrid/outage", "{\"millis\":60000}");

    assertThat(client.send("wrong-key", mail("a@example.com").toString()).statusCode())
        .isEqualTo(503);
  }

  @Test
  void rateLimitAnswers429WithRetryAfterAndRateLimitHeaders() {
    sandbox.sendgrid().rateLimit(0, Duration.ofSeconds(7));

    HttpResponse<String> response = client.send(mail("anna@example.com"));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue("0");
    assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
    assertThat(response.headers().firstValue("X-RateLimit-Reset"))
        .hasValue(Long.toString(NOW.getEpochSecond() + 7));
    assertThat(json(response).at("/errors/0/message").asText()).isEqualTo("too many requests");
  }

  @Test
  void rateLimitAllowsPermitsPerClockSecond() {
    sandbox.sendgrid().rateLimit(2, Duration.ofMillis(1500));

    assertThat(IntStream.range(0, 3).map(i -> send())).containsExactly(202, 202, 429);
    assertThat(client.send(mail("a@example.com")).headers().firstValue("Retry-After"))
        .as("rounded up to whole seconds")
        .hasValue("2");
    clock.advance(Duration.ofSeconds(1));
    assertThat(send()).isEqualTo(202);
  }

  @Test
  void rateLimitOverHttp() {
    client.control(
        "/_sandbox/sendgrid/rate-limit", "{\"permitsPerSecond\":0,\"retryAfterSeconds\":3}");

    HttpResponse<String> response = client.send(mail("anna@example.com"));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
  }

  @Test
  void failNextWith429CarriesRetryAfterOfOneSecond() {
    sandbox.sendgrid().failNext(1, 429);

    HttpResponse<String> response = client.send(mail("anna@example.com"));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(response.headers().firstValue("X-RateLimit-Reset"))
        .hasValue(Long.toString(NOW.getEpochSecond() + 1));
  }

  @Test
  void latencyDelaysEveryAnswer() {
    client.control("/_sandbox/sendgrid/latency", "{\"millis\":300}");

    long started = System.nanoTime();
    assertThat(send()).isEqualTo(202);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

    assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void resetRestoresAHealthySendGrid() {
    sandbox
        .sendgrid()
        .failNext(5, 500)
        .outage(Duration.ofMinutes(1))
        .rateLimit(0, Duration.ofSeconds(1))
        .latency(Duration.ofSeconds(5));

    assertThat(client.control("/_sandbox/sendgrid/reset", "").statusCode()).isEqualTo(204);

    assertThat(send()).isEqualTo(202);
  }

  @Test
  void twilioAndSendGridFailIndependently() {
    sandbox.sendgrid().outage(Duration.ofMinutes(1));

    assertThat(sandbox.twilio()).isNotNull();
    assertThat(
            new SandboxClient(sandbox)
                .createMessage(SandboxClient.sms("+4915112345678", "hi"))
                .statusCode())
        .isEqualTo(201);
  }

  @Test
  void badControlRequestsAreRejected() {
    assertThat(client.control("/_sandbox/sendgrid/fail", "{\"count\":1}").statusCode())
        .isEqualTo(400);
    assertThat(client.control("/_sandbox/sendgrid/fail", "{nope").statusCode()).isEqualTo(400);
    assertThat(client.control("/_sandbox/sendgrid/explode", "{}").statusCode()).isEqualTo(404);
    assertThat(
            client.control("/_sandbox/sendgrid/fail", "{\"count\":1,\"status\":200}").statusCode())
        .isEqualTo(400);
  }

  @Test
  void invalidArgumentsAreRejected() {
    SendGridControl control = sandbox.sendgrid();
    assertThatThrownBy(() -> control.failNext(-1, 500))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> control.failNext(1, 302)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> control.latency(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> control.rateLimit(-1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
