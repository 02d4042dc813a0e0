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
import io.kilowatch.sandbox.RecordedRequest;
import io.kilowatch.sandbox.SandboxSettings;
import io.kilowatch.sandbox.TwilioCallback;
import io.kilowatch.testing.TestInfrastructure;
import io.kilowatch.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.io.socket.SocketUtils;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SMS provider failover end to end, configured as the embedded default is: a primary and a backup
 * Twilio account in the provider sandbox. With the primary account down (a sandbox outage of that
 * account only), delivery retries the primary, fails over to {@code twilio-backup}, which sends the
 * SMS; every attempt is one HTTP call to that account; the backup account's status callbacks are
 * signed with its own auth token, verified with it, and move the notification to delivered.
 */
class SmsFailoverIT {
  static final String PRIMARY = SandboxSettings.DEFAULT_TWILIO_ACCOUNT_SID;
  static final String BACKUP = SandboxSettings.DEFAULT_TWILIO_BACKUP_ACCOUNT_SID;
  static final String PHONE = "+447700900777";

  static ProviderSandbox sandbox;
  static EmbeddedServer server;
  static ApiClient api;
  static TestTokens tokens;

  @BeforeAll
  static void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.builder().withTwilioBackupAccount().build());
    int port = SocketUtils.findAvailableTcpPort();
    String self = "http://127.0.0.1:" + port;
    Map<String, Object> props = new HashMap<>(TestInfrastructure.properties());
    props.put("micronaut.server.port", port);
    props.put("kilowatch.delivery.retry-delay", "10ms");
    props.put("kilowatch.delivery.max-retry-delay", "50ms");
    for (String profile : List.of("twilio", "twilio-backup")) {
      String prefix = "kilowatch.channels.sms." + profile + ".";
      boolean backup = profile.endsWith("-backup");
      props.put(prefix + "account-sid", backup ? BACKUP : PRIMARY);
      props.put(
          prefix + "auth-token",
          backup
              ? SandboxSettings.DEFAULT_TWILIO_BACKUP_AUTH_TOKEN
              : SandboxSettings.DEFAULT_TWILIO_AUTH_TOKEN);
      props.put(prefix + "from-number", backup ? "+15005550007" : "+15005550006");
      props.put(prefix + "base-url", sandbox.baseUrl().toString());
      props.put(prefix + "status-callback-url", self + "/api/v1/providers/twilio/status");
    }
    server = ApplicationContext.run(EmbeddedServer.class, props);
    api = new ApiClient(self);
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
  void primaryAccountDownSmsGoesOutThroughTheBackupAndItsCallbackIsVerified() throws Exception {
    var added =
        api.post(
            "/api/v1/customers/C-FAILOVER/contact-points",
            tokens.token("ops-admin", Roles.ADMIN),
            Map.of("channel", "sms", "address", PHONE, "verified", true));
    assertThat(added.status()).as(added.body().toString()).isEqualTo(201);
    sandbox.twilio().account(PRIMARY).outage(Duration.ofMinutes(10));
    String id = UUID.randomUUID().toString();

    publish(notification(id, "C-FAILOVER"));

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(status(id)).isEqualTo("delivered"));
    JsonNode notification = notificationView(id);
    List<JsonNode> attempts = new ArrayList<>();
    notification.get("attempts").forEach(attempts::add);
    List<JsonNode> primaryAttempts =
        attempts.stream().filter(a -> "twilio".equals(a.get("provider").asText())).toList();
    List<JsonNode> backupAttempts =
        attempts.stream().filter(a -> "twilio-backup".equals(a.get("provider").asText())).toList();
    assertThat(primaryAttempts)
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.get("errorCode").asText()).isEqualTo("20503"));
    assertThat(backupAttempts).hasSize(1);
    String messageSid = backupAttempts.get(0).get("providerMessageId").asText();
    assertThat(messageSid).startsWith("SM");
    assertThat(attempts.get(attempts.size() - 1).get("provider").asText())
        .as("the backup only after the primary")
        .isEqualTo("twilio-backup");

    // one HTTP call to each account per attempt: neither the SDK nor HttpClient retried on its own
    List<RecordedRequest> toPrimary = smsRequests(PRIMARY);
    List<RecordedRequest> toBackup = smsRequests(BACKUP);
    assertThat(toPrimary).hasSize(primaryAttempts.size());
    assertThat(toPrimary).allSatisfy(r -> assertThat(r.responseStatus()).isEqualTo(503));
    assertThat(toBackup)
        .singleElement()
        .satisfies(r -> assertThat(r.responseStatus()).isEqualTo(201));
    assertThat(toBackup.get(0).form()).containsEntry("From", List.of("+15005550007"));

    // the backup account's callbacks: signed with its token, accepted by Kilowatch
    List<TwilioCallback> callbacks =
        sandbox.twilio().callbacks().stream()
            .filter(c -> messageSid.equals(c.messageSid()))
            .toList();
    assertThat(callbacks)
        .extracting(TwilioCallback::messageStatus)
        .containsExactly("queued", "sent", "delivered");
    assertThat(callbacks)
        .allSatisfy(
            c -> {
              assertThat(c.accountSid()).isEqualTo(BACKUP);
              assertThat(c.responseStatus()).isEqualTo(204);
            });
  }

  private static List<RecordedRequest> smsRequests(String accountSid) {
    return sandbox.requests("twilio").stream()
        .filter(r -> r.path().equals("/2010-04-01/Accounts/" + accountSid + "/Messages.json"))
        .filter(r -> PHONE.equals(r.form().get("To").get(0)))
        .toList();
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

  private static JsonNode notificationView(String notificationId) {
    var answer =
        api.get("/api/v1/notifications/" + notificationId, tokens.token("s", Roles.SUPPORT));
    assertThat(answer.status()).isEqualTo(200);
    return answer.body();
  }

  private static String status(String notificationId) {
    var answer =
        api.get("/api/v1/notifications/" + notificationId, tokens.token("s", Roles.SUPPORT));
    return answer.status() == 200 ? answer.body().get("status").asText() : "unknown";
  }
}
