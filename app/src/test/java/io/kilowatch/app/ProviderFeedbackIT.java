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
import java.net.URI;
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
 * What providers say after the send changes what Kilowatch does next: a bounced email address and a
 * push token FCM calls unregistered are taken out of the customer's contact points, and the
 * notification's status follows the provider's signed report.
 */
class ProviderFeedbackIT {
  static ProviderSandbox sandbox;
  static EmbeddedServer server;
  static ApiClient api;
  static TestTokens tokens;

  @BeforeAll
  static void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.defaults());
    Map<String, Object> props = new HashMap<>(TestInfrastructure.properties());
    String email = "kilowatch.channels.email.sendgrid.";
    props.put(email + "api-key", SandboxSettings.DEFAULT_SENDGRID_API_KEY);
    props.put(email + "from-email", "alerts@kilowatch.example");
    props.put(email + "base-url", sandbox.baseUrl().toString());
    props.put(email + "event-webhook-public-key", sandbox.sendgrid().events().publicKey());
    String push = "kilowatch.channels.push.fcm.";
    props.put(push + "project-id", "kilowatch-test");
    props.put(push + "access-token", SandboxSettings.DEFAULT_FCM_ACCESS_TOKEN);
    props.put(push + "base-url", sandbox.baseUrl().toString());
    server = ApplicationContext.run(EmbeddedServer.class, props);
    sandbox
        .sendgrid()
        .events()
        .webhook(
            URI.create(
                "http://127.0.0.1:" + server.getPort() + "/api/v1/providers/sendgrid/events"));
    api = new ApiClient("http://127.0.0.1:" + server.getPort());
    tokens = new TestTokens(server.getApplicationContext());
  }

  @AfterAll
  static void stop() {
    server.getApplicationContext().close();
    sandbox.close();
  }

  @Test
  void bouncedEmailAddressIsSuppressedAndTheNotificationShowsBounced() throws Exception {
    addContact(
        "C-B", Map.of("channel", "email", "address", "bounce@example.com", "verified", true));
    String id = UUID.randomUUID().toString();
    publish(notification(id, "C-B"));

    await().atMost(Duration.ofSeconds(30)).until(() -> status(id).equals("bounced"));
    await().atMost(Duration.ofSeconds(10)).until(() -> contactPoints("C-B") == 0);
  }

  @Test
  void unregisteredPushTokenIsRemoved() throws Exception {
    addContact(
        "C-P", Map.of("channel", "push", "address", "unregistered-token-1", "platform", "android"));
    String id = UUID.randomUUID().toString();
    publish(notification(id, "C-P"));

    await().atMost(Duration.ofSeconds(30)).until(() -> status(id).equals("failed"));
    assertThat(contactPoints("C-P")).isZero();
  }

  private static void addContact(String customerId, Map<String, Object> body) {
    var answer =
        api.post(
            "/api/v1/customers/" + customerId + "/contact-points",
            tokens.token("ops-admin", Roles.ADMIN),
            body);
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
  }

  private static int contactPoints(String customerId) {
    var answer =
        api.get(
            "/api/v1/customers/" + customerId + "/contact-points",
            tokens.token("agent", Roles.SUPPORT));
    return answer.body().path("contactPoints").size();
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
}
