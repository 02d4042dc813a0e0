package io.kilowatch.delivery.it;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.kilowatch.testing.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One running Kilowatch instance with the delivery module, its HTTP API and helpers to set up
 * customers and publish {@code notification.requested.v1} the way the rules engine does.
 */
final class DeliveryInstance implements AutoCloseable {
  static final String TEMPLATE = "usage.daily-threshold-crossed";
  static final Map<String, String> DATA =
      Map.of("day", "2026-11-21", "thresholdKwh", "10", "usageKwh", "11", "meterId", "M");

  final EmbeddedServer server;
  final ApiClient api;
  final TestTokens tokens;

  private DeliveryInstance(EmbeddedServer server) {
    this.server = server;
    this.api = new ApiClient("http://127.0.0.1:" + server.getPort());
    this.tokens = new TestTokens(server.getApplicationContext());
  }

  static DeliveryInstance start(Map<String, Object> props) {
    return new DeliveryInstance(ApplicationContext.run(EmbeddedServer.class, props));
  }

  ApplicationContext context() {
    return server.getApplicationContext();
  }

  MeterRegistry metrics() {
    return context().getBean(MeterRegistry.class);
  }

  /** {@code kilowatch.deliveries{channel,status}} so far (0 when never counted). */
  double deliveries(String channel, String status) {
    Counter counter =
        metrics()
            .find("kilowatch.deliveries")
            .tag("channel", channel)
            .tag("status", status)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  /** A verified contact point, added by an admin (SMS, email) or registered (push). */
  void addContact(String customerId, String channel, String address) {
    Map<String, Object> body =
        channel.equals("push")
            ? Map.of("channel", "push", "address", address, "platform", "android")
            : Map.of("channel", channel, "address", address, "verified", true);
    var answer =
        api.post(
            "/api/v1/customers/" + customerId + "/contact-points",
            tokens.token("ops-admin", Roles.ADMIN),
            body);
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
  }

  /** Replaces the customer's preferences (absent parts take their defaults). */
  void preferences(String customerId, Map<String, Object> preferences) {
    var answer =
        api.put(
            "/api/v1/customers/" + customerId + "/preferences",
            tokens.token("ops-admin", Roles.ADMIN),
            preferences);
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
  }

  /** Publishes the events, in this order, with the broker's confirms. */
  void publish(EventEnvelope<?>... events) {
    List<EventPublisher.Message> messages = new ArrayList<>();
    Arrays.stream(events)
        .forEach(
            e -> messages.add(new EventPublisher.Message(e.type(), e.id(), EventCodec.encode(e))));
    try {
      context().getBean(EventPublisher.class).publish(messages);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The notification as support sees it, or null while delivery has not recorded it. */
  JsonNode notification(String notificationId) {
    var answer =
        api.get("/api/v1/notifications/" + notificationId, tokens.token("agent", Roles.SUPPORT));
    return answer.status() == 200 ? answer.body() : null;
  }

  /** The notification's status, or {@code unknown} while it is not recorded. */
  String status(String notificationId) {
    JsonNode n = notification(notificationId);
    return n == null ? "unknown" : n.get("status").asText();
  }

  @Override
  public void close() {
    server.getApplicationContext().close();
  }

  /** A {@code notification.requested.v1} for a usage alert, with a new event id. */
  static EventEnvelope<NotificationRequested> request(
      String notificationId, String customerId, String idempotencyKey) {
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
            TEMPLATE,
            idempotencyKey,
            DATA,
            Instant.now()));
  }

  /** The Twilio account of the sandbox, as the SMS adapter's configuration. */
  static void twilio(Map<String, Object> props, ProviderSandbox sandbox) {
    String twilio = "kilowatch.channels.sms.twilio.";
    props.put(twilio + "account-sid", SandboxSettings.DEFAULT_TWILIO_ACCOUNT_SID);
    props.put(twilio + "auth-token", SandboxSettings.DEFAULT_TWILIO_AUTH_TOKEN);
    props.put(twilio + "from-number", "+15005550006");
    props.put(twilio + "base-url", sandbox.baseUrl().toString());
  }

  /** A SendGrid profile ({@code sendgrid} or {@code sendgrid-backup}) on this sandbox. */
  static void sendgrid(Map<String, Object> props, String profile, ProviderSandbox sandbox) {
    String email = "kilowatch.channels.email." + profile + ".";
    props.put(email + "api-key", SandboxSettings.DEFAULT_SENDGRID_API_KEY);
    props.put(email + "from-email", "alerts@kilowatch.example");
    props.put(email + "base-url", sandbox.baseUrl().toString());
    props.put(email + "event-webhook-public-key", sandbox.sendgrid().events().publicKey());
  }

  /** An FCM profile ({@code fcm} or {@code fcm-backup}) on this sandbox. */
  static void fcm(Map<String, Object> props, String profile, ProviderSandbox sandbox) {
    String push = "kilowatch.channels.push." + profile + ".";
    props.put(push + "project-id", "kilowatch-test");
    props.put(push + "access-token", SandboxSettings.DEFAULT_FCM_ACCESS_TOKEN);
    props.put(push + "base-url", sandbox.baseUrl().toString());
  }

  /** A TCP port free right now, for a server whose URL must be configured before it starts. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
