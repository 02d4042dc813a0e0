package io.kilowatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One provider call per idempotency key and channel, also when the same key arrives again after a
 * restart that lost the Hazelcast member (the PostgreSQL claim remembers), and when the same event
 * is redelivered.
 */
class DedupeAcrossRestartIT {
  static ProviderSandbox sandbox;
  static Map<String, Object> props;

  @BeforeAll
  static void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.defaults());
    props = new HashMap<>(TestInfrastructure.properties());
    String twilio = "kilowatch.channels.sms.twilio.";
    props.put(twilio + "account-sid", SandboxSettings.DEFAULT_TWILIO_ACCOUNT_SID);
    props.put(twilio + "auth-token", SandboxSettings.DEFAULT_TWILIO_AUTH_TOKEN);
    props.put(twilio + "from-number", "+15005550006");
    props.put(twilio + "base-url", sandbox.baseUrl().toString());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void sameIdempotencyKeyAfterRestartSendsNothing() throws Exception {
    String key = "rule:r-1:2026-11-21T00:00:00Z";
    String first = UUID.randomUUID().toString();
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
      givenSmsContact(server, "C-9", "+447700900199");
      // published twice: the second copy is what a broker redelivery looks like
      publish(server, request(first, "C-9", key));
      await().atMost(Duration.ofSeconds(30)).until(() -> status(server, first).equals("sent"));
    }
    assertThat(smsTo("+447700900199")).isEqualTo(1);

    String second = UUID.randomUUID().toString();
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
      publish(server, request(second, "C-9", key));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> status(server, second).equals("duplicate"));
    }
    assertThat(smsTo("+447700900199")).isEqualTo(1);
  }

  private static void givenSmsContact(EmbeddedServer server, String customerId, String phone) {
    var api = new ApiClient("http://127.0.0.1:" + server.getPort());
    String admin = new TestTokens(server.getApplicationContext()).token("ops", Roles.ADMIN);
    var answer =
        api.post(
            "/api/v1/customers/" + customerId + "/contact-points",
            admin,
            Map.of("channel", "sms", "address", phone, "verified", true));
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
  }

  private static EventEnvelope<NotificationRequested> request(
      String notificationId, String customerId, String key) {
    return EventEnvelope.of(
        EventTypes.NOTIFICATION_REQUESTED,
        "/test",
        Instant.now(),
        "customer/" + customerId,
        new NotificationRequested(
            notificationId,
            customerId,
            NotificationCategory.USAGE,
            NotificationPriority.NORMAL,
            "usage.daily-threshold-crossed",
            key,
            Map.of("day", "2026-11-21", "thresholdKwh", "10", "usageKwh", "11", "meterId", "M"),
            Instant.now()));
  }

  private static void publish(EmbeddedServer server, EventEnvelope<?> event) throws Exception {
    var message = new EventPublisher.Message(event.type(), event.id(), EventCodec.encode(event));
    server.getApplicationContext().getBean(EventPublisher.class).publish(List.of(message, message));
  }

  private static String status(EmbeddedServer server, String notificationId) {
    var api = new ApiClient("http://127.0.0.1:" + server.getPort());
    String support = new TestTokens(server.getApplicationContext()).token("s", Roles.SUPPORT);
    var answer = api.get("/api/v1/notifications/" + notificationId, support);
    return answer.status() == 200 ? answer.body().get("status").asText() : "unknown";
  }

  private static long smsTo(String phone) {
    return sandbox.requests("twilio").stream()
        .filter(r -> r.responseStatus() == 201)
        .filter(r -> phone.equals(r.formParam("To")))
        .count();
  }
}
