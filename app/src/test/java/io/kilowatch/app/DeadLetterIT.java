package io.kilowatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowatch.events.EventCodec;
import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.platform.messaging.EventPublisher;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.sandbox.ProviderSandbox;
import io.kilowatch.sandbox.SandboxSettings;
import io.kilowatch.testing.TestInfrastructure;
import io.kilowatch.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost: a notification no provider accepts and an event nobody can read both land in the
 * dead-letter store with the reason; a replay after the provider recovers sends exactly once.
 */
class DeadLetterIT {
  static ProviderSandbox sandbox;
  static EmbeddedServer server;
  static ApiClient api;
  static TestTokens tokens;

  @BeforeAll
  static void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.defaults());
    Map<String, Object> props = new HashMap<>(TestInfrastructure.properties());
    String twilio = "kilowatch.channels.sms.twilio.";
    props.put(twilio + "account-sid", SandboxSettings.DEFAULT_TWILIO_ACCOUNT_SID);
    props.put(twilio + "auth-token", SandboxSettings.DEFAULT_TWILIO_AUTH_TOKEN);
    props.put(twilio + "from-number", "+15005550006");
    props.put(twilio + "base-url", sandbox.baseUrl().toString());
    props.put("kilowatch.delivery.max-attempts", "2");
    props.put("kilowatch.delivery.retry-delay", "10ms");
    props.put("kilowatch.delivery.max-retry-delay", "50ms");
    server = ApplicationContext.run(EmbeddedServer.class, props);
    api = new ApiClient("http://127.0.0.1:" + server.getPort());
    tokens = new TestTokens(server.getApplicationContext());
  }

  @AfterAll
  static void stop() {
    server.getApplicationContext().close();
    sandbox.close();
  }

  @Test
  void undeliverableNotificationIsDeadLetteredAndReplayedOnceAfterRecovery() throws Exception {
    String admin = tokens.token("ops-admin", Roles.ADMIN);
    var contact =
        api.post(
            "/api/v1/customers/C-77/contact-points",
            admin,
            Map.of("channel", "sms", "address", "+447700900177", "verified", true));
    assertThat(contact.status()).as(contact.body().toString()).isEqualTo(201);

    sandbox.twilio().outage(Duration.ofMinutes(5));
    String notificationId = UUID.randomUUID().toString();
    publish(notification(notificationId, "C-77"));

    String ops = tokens.token("ops-1", Roles.OPS);
    JsonNode letter =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    find(
                        api.get("/api/v1/dead-letters?kind=notification", ops).body(),
                        notificationId),
                java.util.Objects::nonNull);
    assertThat(letter.get("reason").asText()).contains("no provider accepted");
    assertThat(status(notificationId)).isEqualTo("failed");

    sandbox.twilio().reset();
    var replayed =
        api.post("/api/v1/dead-letters/" + letter.get("id").asLong() + "/replay", ops, Map.of());
    assertThat(replayed.status()).as(replayed.body().toString()).isEqualTo(200);
    assertThat(replayed.body().get("replayCount").asInt()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(30)).until(() -> status(notificationId).equals("sent"));
    assertThat(accepted("+447700900177")).isEqualTo(1);
  }

  @Test
  void unreadableEventIsDeadLetteredWithTheReason() throws Exception {
    server
        .getApplicationContext()
        .getBean(EventPublisher.class)
        .publish(
            List.of(
                new EventPublisher.Message(
                    EventTypes.NOTIFICATION_REQUESTED.name(),
                    "broken-1",
                    "{\"specversion\":\"1.0\"".getBytes(StandardCharsets.UTF_8))));
    String ops = tokens.token("ops-1", Roles.OPS);
    JsonNode letter =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> {
                  JsonNode all = api.get("/api/v1/dead-letters?kind=event", ops).body();
                  return StreamSupport.stream(all.spliterator(), false)
                      .filter(d -> "broken-1".equals(d.get("messageId").asText()))
                      .findFirst()
                      .orElse(null);
                },
                java.util.Objects::nonNull);
    assertThat(letter.get("reason").asText()).contains("not JSON");
    assertThat(letter.get("queue").asText()).endsWith("delivery.notifications");
    assertThat(api.get("/api/v1/dead-letters", tokens.customer("C-77")).status()).isEqualTo(403);
  }

  private static JsonNode find(JsonNode letters, String notificationId) {
    return StreamSupport.stream(letters.spliterator(), false)
        .filter(d -> notificationId.equals(d.path("notificationId").asText()))
        .findFirst()
        .orElse(null);
  }

  private static EventEnvelope<NotificationRequested> notification(String id, String customerId) {
    return EventEnvelope.of(
        EventTypes.NOTIFICATION_REQUESTED,
        "/test",
        Instant.now(),
        "customer/" + customerId,
        new NotificationRequested(
            id,
            customerId,
            NotificationCategory.USAGE,
            NotificationPriority.NORMAL,
            "usage.daily-threshold-crossed",
            "test:" + id,
            Map.of("day", "2026-11-21", "thresholdKwh", "10", "usageKwh", "11", "meterId", "M"),
            Instant.now()));
  }

  private static void publish(EventEnvelope<?> event) throws Exception {
    server
        .getApplicationContext()
        .getBean(EventPublisher.class)
        .publish(
            List.of(
                new EventPublisher.Message(event.type(), event.id(), EventCodec.encode(event))));
  }

  private static String status(String notificationId) {
    var answer =
        api.get("/api/v1/notifications/" + notificationId, tokens.token("s", Roles.SUPPORT));
    return answer.status() == 200 ? answer.body().get("status").asText() : "unknown";
  }

  private static long accepted(String phone) {
    return sandbox.requests("twilio").stream()
        .filter(r -> r.responseStatus() == 201)
        .filter(r -> phone.equals(r.formParam("To")))
        .count();
  }
}
