package io.kilowatch.delivery.it;

import static io.kilowatch.delivery.it.DeliveryInstance.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.sandbox.ProviderSandbox;
import io.kilowatch.sandbox.RecordedRequest;
import io.kilowatch.sandbox.SandboxSettings;
import io.kilowatch.testing.TestInfrastructure;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery's guarantees on real PostgreSQL, RabbitMQ, Hazelcast and the provider sandbox, through
 * the real Twilio and SendGrid SDKs: retries then success, Retry-After waited out, one provider
 * call under redelivery and dead-letter replay, provider callbacks moving the status, and the
 * metrics that show it.
 */
class DeliveryGuaranteesIT {
  static ProviderSandbox sandbox;
  static DeliveryInstance kilowatch;

  @BeforeAll
  static void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.defaults());
    int port = DeliveryInstance.freePort();
    Map<String, Object> props = new HashMap<>(TestInfrastructure.properties());
    props.put("micronaut.server.port", port);
    DeliveryInstance.twilio(props, sandbox);
    props.put(
        "kilowatch.channels.sms.twilio.status-callback-url",
        "http://127.0.0.1:" + port + "/api/v1/providers/twilio/status");
    DeliveryInstance.sendgrid(props, "sendgrid", sandbox);
    props.put("kilowatch.delivery.max-attempts", "3");
    props.put("kilowatch.delivery.retry-delay", "10ms");
    props.put("kilowatch.delivery.max-retry-delay", "5s");
    // the failures these tests provoke must not open Twilio's breaker (FailoverIT does that)
    props.put("kilowatch.delivery.providers.twilio.breaker-failures", "50");
    props.put("kilowatch.delivery.providers.twilio.breaker-window", "50");
    kilowatch = DeliveryInstance.start(props);
    // Providers report a few hundred milliseconds or more after accepting. Known gap: a report that
    // arrives before the delivering transaction has committed finds no notification and is dropped
    // (ProviderStatusRecorder: "reported ... for unknown notification"), so the sandbox is told to
    // wait as real providers do.
    sandbox
        .sendgrid()
        .events()
        .delay(Duration.ofMillis(500))
        .webhook(URI.create("http://127.0.0.1:" + port + "/api/v1/providers/sendgrid/events"));
  }

  @AfterAll
  static void stop() {
    if (kilowatch != null) {
      kilowatch.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @BeforeEach
  void healthyProviders() {
    sandbox.twilio().reset();
    // status callbacks would move "sent" on to "delivered"; only the callback test wants them
    sandbox.twilio().statusCallbacks(false);
    sandbox.sendgrid().reset();
  }

  @Test
  void twoFailuresThenSuccessSendOneSmsAndRecordEveryAttempt() {
    kilowatch.addContact("C-retry", "sms", "+447700900301");
    double sentBefore = kilowatch.deliveries("sms", "sent");
    sandbox.twilio().failNext(2, 500, 20500);
    String id = UUID.randomUUID().toString();
    kilowatch.publish(request(id, "C-retry", "test:" + id));

    await().atMost(Duration.ofSeconds(30)).until(() -> kilowatch.status(id).equals("sent"));
    assertThat(twilioTo("+447700900301"))
        .extracting(RecordedRequest::responseStatus)
        .containsExactly(500, 500, 201);
    JsonNode attempts = kilowatch.notification(id).get("attempts");
    assertThat(attempts).hasSize(3);
    assertThat(
            StreamSupport.stream(attempts.spliterator(), false).map(a -> a.get("outcome").asText()))
        .containsExactly("retryable-failure", "retryable-failure", "accepted");
    assertThat(attempts.get(2).get("providerMessageId").asText()).startsWith("SM");

    // metrics: the delivery counter, and the attempt latency timer per outcome
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> kilowatch.deliveries("sms", "sent") == sentBefore + 1);
    assertThat(attemptTimer("retryable-failure").count()).isGreaterThanOrEqualTo(2);
    assertThat(attemptTimer("accepted").count()).isGreaterThanOrEqualTo(1);
    assertThat(attemptTimer("accepted").totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))
        .isPositive();
    assertThat(
            kilowatch
                .metrics()
                .find("kilowatch.provider.breaker.state")
                .tag("provider", "twilio")
                .gauge()
                .value())
        .as("Twilio's breaker stays closed")
        .isZero();
  }

  @Test
  void retryAfterOfA429IsWaitedOutBeforeTheNextAttempt() {
    kilowatch.addContact("C-429", "sms", "+447700900302");
    // every request is refused with 429 and Retry-After: 2 until the limit is lifted
    sandbox.twilio().rateLimit(0, Duration.ofSeconds(2));
    String id = UUID.randomUUID().toString();
    kilowatch.publish(request(id, "C-429", "test:" + id));

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> !twilioTo("+447700900302").isEmpty());
    sandbox.twilio().reset().statusCallbacks(false);
    await().atMost(Duration.ofSeconds(30)).until(() -> kilowatch.status(id).equals("sent"));

    List<RecordedRequest> calls = twilioTo("+447700900302");
    assertThat(calls).extracting(RecordedRequest::responseStatus).containsExactly(429, 201);
    Duration waited = Duration.between(calls.get(0).receivedAt(), calls.get(1).receivedAt());
    // the configured backoff is 10 ms: only the provider's Retry-After explains two seconds
    assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(waited).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void redeliveredEventsAndRepeatedKeysCallTheProviderOnce() {
    kilowatch.addContact("C-dupe", "sms", "+447700900303");
    String key = "rule:r-dupe:2026-11-21";
    String id = UUID.randomUUID().toString();
    var event = request(id, "C-dupe", key);
    // the same event twice in a row: what a broker redelivery looks like
    kilowatch.publish(event, event);
    await().atMost(Duration.ofSeconds(30)).until(() -> kilowatch.status(id).equals("sent"));

    // the same notification in a new event (a republish): recognised by its notification id
    double duplicatesBefore = kilowatch.deliveries("none", "duplicate");
    kilowatch.publish(request(id, "C-dupe", key));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kilowatch.deliveries("none", "duplicate") == duplicatesBefore + 1);
    assertThat(kilowatch.status(id)).isEqualTo("sent");

    // another notification for the same cause: recognised by its idempotency key
    String other = UUID.randomUUID().toString();
    kilowatch.publish(request(other, "C-dupe", key));
    await().atMost(Duration.ofSeconds(30)).until(() -> kilowatch.status(other).equals("duplicate"));

    assertThat(twilioTo("+447700900303")).hasSize(1);
  }

  @Test
  void deadLetterReplayedTwiceSendsExactlyOnce() {
    kilowatch.addContact("C-replay", "sms", "+447700900304");
    sandbox.twilio().outage(Duration.ofMinutes(5));
    String id = UUID.randomUUID().toString();
    kilowatch.publish(request(id, "C-replay", "test:" + id));

    String ops = kilowatch.tokens.token("ops-1", Roles.OPS);
    JsonNode letter =
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterOf(ops, id), Objects::nonNull);
    assertThat(letter.get("reason").asText()).contains("no provider accepted");
    assertThat(kilowatch.status(id)).isEqualTo("failed");
    assertThat(twilioTo("+447700900304")).extracting(RecordedRequest::responseStatus).contains(503);

    sandbox.twilio().reset().statusCallbacks(false);
    String replay = "/api/v1/dead-letters/" + letter.get("id").asLong() + "/replay";
    assertThat(kilowatch.api.post(replay, ops, Map.of()).status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> kilowatch.status(id).equals("sent"));

    // ops replays it again (double click, second operator): nothing more leaves
    double duplicatesBefore = kilowatch.deliveries("none", "duplicate");
    var again = kilowatch.api.post(replay, ops, Map.of());
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("replayCount").asInt()).isEqualTo(2);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kilowatch.deliveries("none", "duplicate") == duplicatesBefore + 1);
    assertThat(kilowatch.status(id)).isEqualTo("sent");
    assertThat(twilioTo("+447700900304")).filteredOn(r -> r.responseStatus() == 201).hasSize(1);
  }

  @Test
  void twilioStatusCallbacksMoveTheNotificationToDeliveredOrFailed() {
    sandbox.twilio().statusCallbacks(true).callbackDelay(Duration.ofMillis(300));
    kilowatch.addContact("C-cb-ok", "sms", "+447700900305");
    // Twilio's magic number for an unreachable handset: accepted, then undelivered (30003)
    kilowatch.addContact("C-cb-gone", "sms", "+15005550013");
    double delivered = kilowatch.deliveries("sms", "delivered");
    String ok = UUID.randomUUID().toString();
    String gone = UUID.randomUUID().toString();
    kilowatch.publish(
        request(ok, "C-cb-ok", "test:" + ok), request(gone, "C-cb-gone", "t:" + gone));

    await().atMost(Duration.ofSeconds(30)).until(() -> kilowatch.status(ok).equals("delivered"));
    await().atMost(Duration.ofSeconds(30)).until(() -> kilowatch.status(gone).equals("failed"));
    assertThat(kilowatch.notification(gone).get("statusReason").asText()).contains("30003");
    assertThat(kilowatch.deliveries("sms", "delivered")).isEqualTo(delivered + 1);
  }

  @Test
  void sendGridEventsMoveTheEmailThroughDeliveredOpenedAndClicked() throws Exception {
    kilowatch.addContact("C-mail", "email", "anna@example.com");
    String id = UUID.randomUUID().toString();
    kilowatch.publish(request(id, "C-mail", "test:" + id));
    await().atMost(Duration.ofSeconds(30)).until(() -> kilowatch.status(id).equals("delivered"));

    sandbox.sendgrid().events().emit("open", "anna@example.com").get();
    await().atMost(Duration.ofSeconds(30)).until(() -> kilowatch.status(id).equals("opened"));
    sandbox.sendgrid().events().emit("click", "anna@example.com").get();
    await().atMost(Duration.ofSeconds(30)).until(() -> kilowatch.status(id).equals("clicked"));
    // a late, out-of-order report never moves it back
    sandbox.sendgrid().events().emit("delivered", "anna@example.com").get();
    assertThat(kilowatch.status(id)).isEqualTo("clicked");
    assertThat(kilowatch.deliveries("email", "opened")).isEqualTo(1);
    assertThat(kilowatch.deliveries("email", "clicked")).isEqualTo(1);
  }

  @Test
  void bouncedEmailShowsAsBounced() {
    kilowatch.addContact("C-bounce", "email", "bounce@example.com");
    String id = UUID.randomUUID().toString();
    kilowatch.publish(request(id, "C-bounce", "test:" + id));
    await().atMost(Duration.ofSeconds(30)).until(() -> kilowatch.status(id).equals("bounced"));
    assertThat(kilowatch.deliveries("email", "bounced")).isEqualTo(1);
  }

  private static Timer attemptTimer(String outcome) {
    Timer timer =
        kilowatch
            .metrics()
            .find("kilowatch.delivery.attempt.latency")
            .tag("channel", "sms")
            .tag("provider", "twilio")
            .tag("outcome", outcome)
            .timer();
    assertThat(timer).as("attempt latency timer for " + outcome).isNotNull();
    return timer;
  }

  private static JsonNode deadLetterOf(String ops, String notificationId) {
    JsonNode letters = kilowatch.api.get("/api/v1/dead-letters?kind=notification", ops).body();
    return StreamSupport.stream(letters.spliterator(), false)
        .filter(d -> notificationId.equals(d.path("notificationId").asText()))
        .findFirst()
        .orElse(null);
  }

  private static List<RecordedRequest> twilioTo(String phone) {
    return sandbox.requests("twilio").stream()
        .filter(r -> phone.equals(r.formParam("To")))
        .toList();
  }
}
