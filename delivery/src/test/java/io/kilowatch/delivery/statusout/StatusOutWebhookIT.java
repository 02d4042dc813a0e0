package io.kilowatch.delivery.statusout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.kilowatch.channel.webhook.WebhookHeaders;
import io.kilowatch.channel.webhook.WebhookSignatureVerifier;
import io.kilowatch.delivery.trigger.TriggerHttp;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.sandbox.ProviderSandbox;
import io.kilowatch.sandbox.SandboxSettings;
import io.kilowatch.testing.TestInfrastructure;
import io.kilowatch.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.io.socket.SocketUtils;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Delivery status out, on real PostgreSQL, RabbitMQ and the Twilio sandbox (which calls back with
 * delivered): every status change of a notification is published as {@code
 * notification.delivery-status-changed.v1} and posted to the retailer's registered endpoint, signed
 * with its secret (verified here as a receiver would), retried when the endpoint fails.
 */
class StatusOutWebhookIT {
  static ProviderSandbox sandbox;
  static EmbeddedServer server;
  static TriggerHttp http;
  static TestTokens tokens;
  static HttpServer receiver;
  static final List<Received> received = new CopyOnWriteArrayList<>();
  static final AtomicInteger failNext = new AtomicInteger();

  record Received(Map<String, String> headers, byte[] body) {
    JsonNode json() {
      try {
        return TriggerHttp.JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @BeforeAll
  static void start() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/crm/status",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          int status = 204;
          if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            status = 503;
          } else {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            received.add(new Received(headers, body));
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();

    sandbox = ProviderSandbox.start(SandboxSettings.defaults());
    // like Twilio, report a moment after accepting: the delivery record commits after the call
    sandbox.twilio().callbackDelay(Duration.ofMillis(1500));
    int port = SocketUtils.findAvailableTcpPort();
    Map<String, Object> props = new HashMap<>(TestInfrastructure.properties());
    props.put("micronaut.server.port", port);
    String twilio = "kilowatch.channels.sms.twilio.";
    props.put(twilio + "account-sid", SandboxSettings.DEFAULT_TWILIO_ACCOUNT_SID);
    props.put(twilio + "auth-token", SandboxSettings.DEFAULT_TWILIO_AUTH_TOKEN);
    props.put(twilio + "from-number", "+15005550006");
    props.put(twilio + "base-url", sandbox.baseUrl().toString());
    props.put(
        twilio + "status-callback-url",
        "http://127.0.0.1:" + port + "/api/v1/providers/twilio/status");
    // the receiver listens on http://127.0.0.1: tests only
    props.put("kilowatch.channels.webhook.require-https", "false");
    props.put("kilowatch.channels.webhook.allow-private-networks", "true");
    server = ApplicationContext.run(EmbeddedServer.class, props);
    http = new TriggerHttp("http://127.0.0.1:" + server.getPort());
    tokens = new TestTokens(server.getApplicationContext());
  }

  @AfterAll
  static void stop() {
    server.getApplicationContext().close();
    sandbox.close();
    receiver.stop(0);
  }

  @Test
  void everyStatusChangeReachesTheRetailersEndpointSignedWithItsSecret() throws Exception {
    var bad = http.send("POST", "/api/v1/status-webhooks", admin(), Map.of("url", "ftp://crm/x"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("url");

    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/crm/status";
    var created = http.send("POST", "/api/v1/status-webhooks", admin(), Map.of("url", url));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String secret = created.json().get("secret").asText();
    String keyId = created.json().get("keyId").asText();
    assertThat(secret).startsWith("whsec_");
    var listed = http.send("GET", "/api/v1/status-webhooks", admin(), null);
    assertThat(listed.body()).contains(keyId).doesNotContain(secret);

    var contact =
        http.send(
            "POST",
            "/api/v1/customers/C-SO/contact-points",
            admin(),
            Map.of("channel", "sms", "address", "+447700900401", "verified", true));
    assertThat(contact.status()).as(contact.body()).isEqualTo(201);
    String apiKey =
        http.send(
                "POST",
                "/api/v1/api-keys",
                admin(),
                Map.of("name", "crm", "categories", List.of("usage")))
            .json()
            .get("key")
            .asText();

    failNext.set(1); // the endpoint fails once: the consumer retries
    var triggered =
        http.send(
            "POST",
            "/api/v1/notifications",
            Map.of("X-Api-Key", apiKey),
            Map.of(
                "customerId",
                "C-SO",
                "category",
                "usage",
                "templateKey",
                "usage.daily-threshold-crossed",
                "data",
                Map.of(
                    "day", "2026-11-21", "thresholdKwh", "10", "usageKwh", "11", "meterId", "M")));
    assertThat(triggered.status()).as(triggered.body()).isEqualTo(202);
    String id = triggered.json().at("/notifications/0/notificationId").asText();

    await()
        .atMost(Duration.ofSeconds(45))
        .until(() -> statuses(id).containsAll(List.of("sent", "delivered")));

    var verifier = new WebhookSignatureVerifier(Map.of(keyId, secret));
    for (Received r : received) {
      if (!r.json().at("/data/notificationId").asText().equals(id)) {
        continue;
      }
      var verification = verifier.verify(r.headers().get("kilowatch-signature"), r.body());
      assertThat(verification.valid()).as(verification.reason()).isTrue();
      assertThat(verification.keyId()).isEqualTo(keyId);
      JsonNode event = r.json();
      assertThat(event.get("type").asText()).isEqualTo("notification.delivery-status-changed.v1");
      assertThat(r.headers().get(WebhookHeaders.IDEMPOTENCY_KEY.toLowerCase()))
          .isEqualTo(event.get("id").asText());
      assertThat(r.headers().get(WebhookHeaders.EVENT_TYPE.toLowerCase()))
          .isEqualTo("notification.delivery-status-changed.v1");
      assertThat(event.at("/data/customerId").asText()).isEqualTo("C-SO");
      assertThat(event.at("/data/category").asText()).isEqualTo("usage");
      assertThat(event.at("/data/channel").asText()).isEqualTo("sms");
      assertThat(event.at("/data/provider").asText()).startsWith("twilio");
    }
    // a forged body does not verify
    Received any = received.get(0);
    byte[] forged =
        new String(any.body(), StandardCharsets.UTF_8)
            .replace("C-SO", "C-XX")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(verifier.verify(any.headers().get("kilowatch-signature"), forged).valid()).isFalse();
  }

  static List<String> statuses(String notificationId) {
    return received.stream()
        .map(Received::json)
        .filter(j -> j.at("/data/notificationId").asText().equals(notificationId))
        .map(j -> j.at("/data/status").asText())
        .toList();
  }

  static Map<String, String> admin() {
    return TriggerHttp.bearer(tokens.token("crm-admin", Roles.ADMIN));
  }
}
