package io.kilowatch.delivery.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.events.EventCodec;
import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.platform.messaging.EventPublisher;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.sandbox.ProviderSandbox;
import io.kilowatch.sandbox.RecordedRequest;
import io.kilowatch.sandbox.SandboxSettings;
import io.kilowatch.sandbox.TwilioCallback;
import io.kilowatch.testing.TestInfrastructure;
import io.kilowatch.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
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
 * Consent decides in delivery, on real PostgreSQL, RabbitMQ, Hazelcast and the provider sandbox
 * (Twilio and SendGrid through their SDKs): no consent → suppressed with the reason and no provider
 * call; an erased person leaves no notification row; a withdrawal and a new grant; SMS STOP through
 * Twilio's signed inbound webhook; the email one-click unsubscribe link in List-Unsubscribe.
 */
class DeliveryConsentIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String OUR_NUMBER = "+15005550006";

  static ProviderSandbox sandbox;
  static EmbeddedServer server;
  static TestTokens tokens;
  static String base;

  @BeforeAll
  static void start() throws IOException {
    sandbox = ProviderSandbox.start(SandboxSettings.defaults());
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    Map<String, Object> props = new HashMap<>(TestInfrastructure.properties());
    props.put("micronaut.server.port", port);
    String twilio = "kilowatch.channels.sms.twilio.";
    props.put(twilio + "account-sid", SandboxSettings.DEFAULT_TWILIO_ACCOUNT_SID);
    props.put(twilio + "auth-token", SandboxSettings.DEFAULT_TWILIO_AUTH_TOKEN);
    props.put(twilio + "from-number", OUR_NUMBER);
    props.put(twilio + "base-url", sandbox.baseUrl().toString());
    props.put(twilio + "public-base-url", base);
    String email = "kilowatch.channels.email.sendgrid.";
    props.put(email + "api-key", SandboxSettings.DEFAULT_SENDGRID_API_KEY);
    props.put(email + "from-email", "alerts@kilowatch.example");
    props.put(email + "base-url", sandbox.baseUrl().toString());
    props.put("kilowatch.unsubscribe.base-url", base);
    props.put("kilowatch.unsubscribe.secret", "test-only-unsubscribe-secret-0123456789abcdef");
    server = ApplicationContext.run(EmbeddedServer.class, props);
    sandbox.twilio().inboundUrl(URI.create(base + "/api/v1/providers/twilio/inbound"));
    tokens = new TestTokens(server.getApplicationContext());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.getApplicationContext().close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void marketingWithoutConsentIsSuppressedWithTheReasonAndNothingIsSent() throws Exception {
    String phone = "+447700900301";
    givenVerifiedContact("C-MKT", "sms", phone);

    String id = publish("C-MKT", NotificationCategory.MARKETING);

    await().atMost(Duration.ofSeconds(30)).until(() -> status(id).equals("suppressed"));
    assertThat(notification(id).get("statusReason").asText()).isEqualTo("no consent for marketing");
    assertThat(smsTo(phone)).isEmpty();
  }

  @Test
  void anErasedPersonIsDroppedWithoutANotificationRecord() throws Exception {
    String phone = "+447700900302";
    givenVerifiedContact("C-ERASED", "sms", phone);
    var erasure =
        post(
            "/api/v1/data-subjects/C-ERASED/erasure",
            tokens.token("dpo-1", Roles.COMPLIANCE),
            Map.of("reason", "Art. 17 request by letter"));
    assertThat(erasure.status()).as(erasure.body().toString()).isEqualTo(201);

    String id = publish("C-ERASED", NotificationCategory.USAGE);
    // a barrier behind it on the same queue: once it is settled, the erased one was processed
    String phoneOther = "+447700900312";
    givenVerifiedContact("C-BARRIER", "sms", phoneOther);
    String barrier = publish("C-BARRIER", NotificationCategory.USAGE);
    await().atMost(Duration.ofSeconds(30)).until(() -> status(barrier).equals("sent"));
    await().atMost(Duration.ofSeconds(30)).until(() -> suppressedErasedCount() >= 1.0);

    assertThat(get("/api/v1/notifications/" + id, support()).status()).isEqualTo(404);
    assertThat(rowsNaming("C-ERASED")).isZero();
    assertThat(smsTo(phone)).isEmpty();
  }

  @Test
  void aWithdrawalSuppressesAndANewGrantSendsAgain() throws Exception {
    String phone = "+447700900303";
    givenVerifiedContact("C-WD", "sms", phone);
    staffConsent("C-WD", "service", "sms", "withdraw");

    String first = publish("C-WD", NotificationCategory.USAGE);
    await().atMost(Duration.ofSeconds(30)).until(() -> status(first).equals("suppressed"));
    // withdrawn for SMS only, the customer's only channel: refused per channel
    assertThat(notification(first).get("statusReason").asText())
        .isEqualTo("consent withdrawn for service by sms");
    assertThat(smsTo(phone)).isEmpty();

    staffConsent("C-WD", "service", "sms", "grant");
    String second = publish("C-WD", NotificationCategory.USAGE);
    await().atMost(Duration.ofSeconds(30)).until(() -> status(second).equals("sent"));
    assertThat(smsTo(phone)).hasSize(1);
  }

  @Test
  void smsStopWithdrawsSmsConsentAndStartRestoresIt() throws Exception {
    String phone = "+447700900304";
    givenVerifiedContact("C-STOP", "sms", phone);
    givenVerifiedContact("C-STOP", "email", "stop@example.com");

    TwilioCallback answered = sandbox.twilio().inboundSms(phone, OUR_NUMBER, "STOP").get();
    assertThat(answered.responseStatus()).as(answered.responseBody()).isEqualTo(200);

    // SMS is refused now; the customer's email takes over (the ledger is per channel)
    String id = publish("C-STOP", NotificationCategory.USAGE);
    await().atMost(Duration.ofSeconds(30)).until(() -> status(id).equals("sent"));
    assertThat(notification(id).get("channel").asText()).isEqualTo("email");
    assertThat(smsTo(phone)).isEmpty();
    JsonNode history = consents("C-STOP").get("history");
    assertThat(history).hasSize(2);
    assertThat(history.get(0).get("source").asText()).isEqualTo("sms-keyword");
    assertThat(history.get(0).get("ipOrIdentity").asText()).isEqualTo(phone);
    assertThat(history.get(0).get("action").asText()).isEqualTo("withdrawn");

    sandbox.twilio().inboundSms(phone, OUR_NUMBER, "START").get();
    String again = publish("C-STOP", NotificationCategory.USAGE);
    await().atMost(Duration.ofSeconds(30)).until(() -> status(again).equals("sent"));
    assertThat(notification(again).get("channel").asText()).isEqualTo("sms");
    assertThat(smsTo(phone)).hasSize(1);
  }

  @Test
  void smsStopFromTheOnlyChannelSuppressesTheNextSms() throws Exception {
    String phone = "+447700900305";
    givenVerifiedContact("C-STOP2", "sms", phone);

    sandbox.twilio().inboundSms(phone, OUR_NUMBER, "stop").get();

    String id = publish("C-STOP2", NotificationCategory.USAGE);
    await().atMost(Duration.ofSeconds(30)).until(() -> status(id).equals("suppressed"));
    assertThat(notification(id).get("statusReason").asText())
        .isEqualTo("consent withdrawn for service by sms");
    assertThat(smsTo(phone)).isEmpty();
  }

  @Test
  void oneClickUnsubscribeFromTheEmailHeaderWithdrawsAndAForgedTokenIsRefused() throws Exception {
    String address = "unsub@example.com";
    givenVerifiedContact("C-UNSUB", "email", address);
    String first = publish("C-UNSUB", NotificationCategory.USAGE);
    await().atMost(Duration.ofSeconds(30)).until(() -> status(first).equals("sent"));
    JsonNode headers = emailsTo(address).get(0).get("headers");
    assertThat(headers.get("List-Unsubscribe-Post").asText())
        .isEqualTo("List-Unsubscribe=One-Click");
    String header = headers.get("List-Unsubscribe").asText();
    assertThat(header).startsWith("<" + base + "/api/v1/unsubscribe/").endsWith(">");
    String url = header.substring(1, header.length() - 1);

    // a forged (altered) token: 403 problem+json naming the token, nothing recorded
    String forged = url.substring(0, url.length() - 2) + (url.endsWith("AA") ? "BB" : "AA");
    HttpResponse<String> refused = oneClick(forged);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(refused.body()).contains("\"token\"");
    assertThat(consents("C-UNSUB").get("history")).isEmpty();

    // GET shows a confirmation page and changes nothing
    HttpResponse<String> page =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("method=\"post\"").contains(address);
    assertThat(consents("C-UNSUB").get("history")).isEmpty();

    HttpResponse<String> done = oneClick(url);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    JsonNode history = consents("C-UNSUB").get("history");
    assertThat(history).hasSize(1);
    assertThat(history.get(0).get("source").asText()).isEqualTo("email-unsubscribe");
    assertThat(history.get(0).get("purpose").asText()).isEqualTo("service");
    assertThat(history.get(0).get("channel").asText()).isEqualTo("email");
    assertThat(history.get(0).get("ipOrIdentity").asText()).isEqualTo(address);

    String next = publish("C-UNSUB", NotificationCategory.USAGE);
    await().atMost(Duration.ofSeconds(30)).until(() -> status(next).equals("suppressed"));
    assertThat(notification(next).get("statusReason").asText())
        .isEqualTo("consent withdrawn for service by email");
    assertThat(emailsTo(address)).hasSize(1);
  }

  // --- helpers

  private static HttpResponse<String> oneClick(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void givenVerifiedContact(String customerId, String channel, String address) {
    var answer =
        post(
            "/api/v1/customers/" + customerId + "/contact-points",
            tokens.token("ops-admin", Roles.ADMIN),
            Map.of("channel", channel, "address", address, "verified", true));
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
  }

  private static void staffConsent(String customerId, String purpose, String channel, String act) {
    var answer =
        post(
            "/api/v1/customers/" + customerId + "/consents",
            tokens.token("agent-1", Roles.SUPPORT),
            Map.of(
                "purpose",
                purpose,
                "channel",
                channel,
                "action",
                act,
                "textVersion",
                "phone-script/v1",
                "reason",
                "customer asked on the phone"));
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
  }

  private static JsonNode consents(String customerId) {
    var answer =
        get(
            "/api/v1/customers/" + customerId + "/consents",
            tokens.token("dpo-1", Roles.COMPLIANCE));
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    return answer.body();
  }

  private static String publish(String customerId, NotificationCategory category) throws Exception {
    String id = UUID.randomUUID().toString();
    var event =
        EventEnvelope.of(
            EventTypes.NOTIFICATION_REQUESTED,
            "/test",
            Instant.now(),
            "customer/" + customerId,
            new NotificationRequested(
                id,
                customerId,
                category,
                NotificationPriority.NORMAL,
                "usage.daily-threshold-crossed",
                "test:" + id,
                Map.of("day", "2026-11-21", "thresholdKwh", "10", "usageKwh", "11", "meterId", "M"),
                Instant.now()));
    server
        .getApplicationContext()
        .getBean(EventPublisher.class)
        .publish(
            List.of(
                new EventPublisher.Message(event.type(), event.id(), EventCodec.encode(event))));
    return id;
  }

  private static String status(String notificationId) {
    var answer = get("/api/v1/notifications/" + notificationId, support());
    return answer.status() == 200 ? answer.body().get("status").asText() : "unknown";
  }

  private static JsonNode notification(String notificationId) {
    var answer = get("/api/v1/notifications/" + notificationId, support());
    assertThat(answer.status()).isEqualTo(200);
    return answer.body();
  }

  private static String support() {
    return tokens.token("agent-2", Roles.SUPPORT);
  }

  private static double suppressedErasedCount() {
    var counter =
        server
            .getApplicationContext()
            .getBean(io.micrometer.core.instrument.MeterRegistry.class)
            .find("kilowatch.deliveries")
            .tags("channel", "none", "status", "suppressed")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  /** Rows in delivery's tables that name the customer. */
  @SuppressWarnings("unchecked")
  private static long rowsNaming(String customerId) {
    TransactionOperations<Connection> tx =
        server.getApplicationContext().getBean(TransactionOperations.class);
    return tx.executeRead(
        status -> {
          try (var statement =
              status
                  .getConnection()
                  .prepareStatement(
                      "SELECT (SELECT count(*) FROM delivery.notification WHERE customer_id = ?)"
                          + " + (SELECT count(*) FROM delivery.dead_letter WHERE customer_id = ?)")) {
            statement.setString(1, customerId);
            statement.setString(2, customerId);
            try (var rows = statement.executeQuery()) {
              rows.next();
              return rows.getLong(1);
            }
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static List<RecordedRequest> smsTo(String phone) {
    return sandbox.requests().stream()
        .filter(r -> r.provider().equals("twilio") && r.path().endsWith("/Messages.json"))
        .filter(r -> phone.equals(r.formParam("To")))
        .toList();
  }

  /** The SendGrid mail/send bodies to the address. */
  private static List<JsonNode> emailsTo(String address) {
    return sandbox.requests().stream()
        .filter(r -> r.provider().equals("sendgrid") && r.path().endsWith("/mail/send"))
        .map(r -> readJson(r.body()))
        .filter(
            b ->
                address.equals(
                    b.path("personalizations").path(0).path("to").path(0).path("email").asText()))
        .toList();
  }

  private static JsonNode readJson(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Answer(int status, JsonNode body) {}

  private static Answer post(String path, String token, Object body) {
    try {
      return send(
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Content-Type", "application/json")
              .header("Authorization", "Bearer " + token)
              .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
              .build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Answer get(String path, String token) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build());
  }

  private static Answer send(HttpRequest request) {
    try {
      HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
      JsonNode body =
          response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
      return new Answer(response.statusCode(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
