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
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * When providers fail: a primary account whose breaker opens hands over to its backup account
 * (provider failover), a channel whose every account fails hands over to the customer's next
 * channel (channel fallback), and a notification nobody can deliver becomes a dead letter with the
 * reason. Primary accounts (sendgrid, fcm) and backups (sendgrid-backup, fcm-backup) are two
 * separate sandboxes, so each one's journal shows exactly which account was called.
 *
 * <p>The steps build on each other (breakers stay open for the whole class), hence the order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverIT {
  static ProviderSandbox primary;
  static ProviderSandbox backup;
  static DeliveryInstance kilowatch;

  @BeforeAll
  static void start() {
    primary = ProviderSandbox.start(SandboxSettings.defaults());
    backup = ProviderSandbox.start(SandboxSettings.defaults());
    Map<String, Object> props = new HashMap<>(TestInfrastructure.properties());
    DeliveryInstance.sendgrid(props, "sendgrid", primary);
    DeliveryInstance.sendgrid(props, "sendgrid-backup", backup);
    DeliveryInstance.fcm(props, "fcm", primary);
    DeliveryInstance.fcm(props, "fcm-backup", backup);
    props.put("kilowatch.delivery.max-attempts", "2");
    props.put("kilowatch.delivery.retry-delay", "10ms");
    props.put("kilowatch.delivery.max-retry-delay", "50ms");
    for (String provider : List.of("sendgrid", "sendgrid-backup", "fcm", "fcm-backup")) {
      String limits = "kilowatch.delivery.providers." + provider + ".";
      // two failures in the last two calls open the breaker, for longer than this class runs
      props.put(limits + "breaker-failures", "2");
      props.put(limits + "breaker-window", "2");
      props.put(limits + "breaker-delay", "10m");
    }
    kilowatch = DeliveryInstance.start(props);
  }

  @AfterAll
  static void stop() {
    if (kilowatch != null) {
      kilowatch.close();
    }
    for (ProviderSandbox sandbox : new ProviderSandbox[] {primary, backup}) {
      if (sandbox != null) {
        sandbox.close();
      }
    }
  }

  @Test
  @Order(1)
  void openBreakerFailsOverToTheBackupAccount() {
    primary.sendgrid().outage(Duration.ofMinutes(30));
    kilowatch.addContact("C-fo-1", "email", "first@example.com");
    String first = UUID.randomUUID().toString();
    kilowatch.publish(request(first, "C-fo-1", "test:" + first));

    await().atMost(Duration.ofSeconds(30)).until(() -> kilowatch.status(first).equals("sent"));
    assertThat(mailsTo(primary, "first@example.com"))
        .extracting(RecordedRequest::responseStatus)
        .containsExactly(503, 503);
    assertThat(mailsTo(backup, "first@example.com"))
        .extracting(RecordedRequest::responseStatus)
        .containsExactly(202);
    assertThat(providersOfAttempts(first))
        .containsExactly("sendgrid", "sendgrid", "sendgrid-backup");
    assertThat(breaker("sendgrid")).as("open").isEqualTo(2.0);
    assertThat(breaker("sendgrid-backup")).as("closed").isEqualTo(0.0);

    // while the breaker is open the primary is not called at all
    kilowatch.addContact("C-fo-2", "email", "second@example.com");
    String second = UUID.randomUUID().toString();
    kilowatch.publish(request(second, "C-fo-2", "test:" + second));
    await().atMost(Duration.ofSeconds(30)).until(() -> kilowatch.status(second).equals("sent"));
    assertThat(mailsTo(primary, "second@example.com")).isEmpty();
    assertThat(mailsTo(backup, "second@example.com")).hasSize(1);
    assertThat(providersOfAttempts(second)).containsExactly("sendgrid-backup");
  }

  @Test
  @Order(2)
  void channelWhoseAccountsAllFailFallsBackToTheNextChannel() {
    primary.fcm().outage(Duration.ofMinutes(30));
    backup.fcm().outage(Duration.ofMinutes(30));
    // usage alerts go sms → push → email by default; this customer has no phone
    kilowatch.addContact("C-fb", "push", "device-token-fallback-0001");
    kilowatch.addContact("C-fb", "email", "fallback@example.com");
    String id = UUID.randomUUID().toString();
    kilowatch.publish(request(id, "C-fb", "test:" + id));

    await().atMost(Duration.ofSeconds(30)).until(() -> kilowatch.status(id).equals("sent"));
    JsonNode n = kilowatch.notification(id);
    assertThat(n.get("channel").asText()).isEqualTo("email");
    assertThat(pushesTo(primary, "device-token-fallback-0001"))
        .extracting(RecordedRequest::responseStatus)
        .containsExactly(503, 503);
    assertThat(pushesTo(backup, "device-token-fallback-0001"))
        .extracting(RecordedRequest::responseStatus)
        .containsExactly(503, 503);
    assertThat(mailsTo(backup, "fallback@example.com")).hasSize(1);
    assertThat(providersOfAttempts(id))
        .containsExactly("fcm", "fcm", "fcm-backup", "fcm-backup", "sendgrid-backup");
    assertThat(breaker("fcm")).isEqualTo(2.0);
    assertThat(breaker("fcm-backup")).isEqualTo(2.0);
  }

  @Test
  @Order(3)
  void notificationNoProviderAcceptsIsDeadLetteredWithTheReason() {
    backup.sendgrid().outage(Duration.ofMinutes(30));
    kilowatch.addContact("C-dl", "push", "device-token-deadletter-01");
    kilowatch.addContact("C-dl", "email", "nowhere@example.com");
    String id = UUID.randomUUID().toString();
    kilowatch.publish(request(id, "C-dl", "test:" + id));

    String ops = kilowatch.tokens.token("ops-1", Roles.OPS);
    JsonNode letter =
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterOf(ops, id), Objects::nonNull);
    assertThat(letter.get("reason").asText())
        .startsWith("every channel failed")
        .contains("push (")
        .contains("email (");
    assertThat(letter.get("customerId").asText()).isEqualTo("C-dl");
    assertThat(kilowatch.status(id)).isEqualTo("failed");
    // every breaker is open now: the push accounts are no longer called, the backup mail account
    // was tried until its breaker opened
    assertThat(pushesTo(primary, "device-token-deadletter-01")).isEmpty();
    assertThat(pushesTo(backup, "device-token-deadletter-01")).isEmpty();
    assertThat(mailsTo(backup, "nowhere@example.com"))
        .extracting(RecordedRequest::responseStatus)
        .containsExactly(503, 503);
    assertThat(breaker("sendgrid-backup")).isEqualTo(2.0);
    assertThat(kilowatch.deliveries("email", "failed")).isEqualTo(1);
  }

  private static double breaker(String provider) {
    Gauge gauge =
        kilowatch
            .metrics()
            .find("kilowatch.provider.breaker.state")
            .tag("provider", provider)
            .gauge();
    assertThat(gauge).as("breaker gauge of " + provider).isNotNull();
    return gauge.value();
  }

  private static List<String> providersOfAttempts(String notificationId) {
    return StreamSupport.stream(
            kilowatch.notification(notificationId).get("attempts").spliterator(), false)
        .map(a -> a.get("provider").asText())
        .toList();
  }

  private static JsonNode deadLetterOf(String ops, String notificationId) {
    JsonNode letters = kilowatch.api.get("/api/v1/dead-letters?kind=notification", ops).body();
    return StreamSupport.stream(letters.spliterator(), false)
        .filter(d -> notificationId.equals(d.path("notificationId").asText()))
        .findFirst()
        .orElse(null);
  }

  private static List<RecordedRequest> mailsTo(ProviderSandbox sandbox, String email) {
    return sandbox.requests("sendgrid").stream().filter(r -> r.body().contains(email)).toList();
  }

  private static List<RecordedRequest> pushesTo(ProviderSandbox sandbox, String token) {
    return sandbox.requests("fcm").stream().filter(r -> r.body().contains(token)).toList();
  }
}
