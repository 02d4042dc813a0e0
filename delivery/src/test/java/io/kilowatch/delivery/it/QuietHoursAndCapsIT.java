package io.kilowatch.delivery.it;

import static io.kilowatch.delivery.it.DeliveryInstance.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowatch.sandbox.ProviderSandbox;
import io.kilowatch.sandbox.RecordedRequest;
import io.kilowatch.sandbox.SandboxSettings;
import io.kilowatch.testing.TestInfrastructure;
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
 * The customer's time rules, with the platform clock under the test's control: a notification in
 * quiet hours is held in PostgreSQL and released by the scheduler when the window ends (not a
 * moment before), and daily frequency caps move a message to the next channel, then refuse it,
 * until the customer's next local day.
 */
class QuietHoursAndCapsIT {
  static ProviderSandbox sandbox;
  static DeliveryInstance kilowatch;
  static ControlledClock clock;

  @BeforeAll
  static void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.defaults());
    Map<String, Object> props = new HashMap<>(TestInfrastructure.properties());
    props.put("spec.name", "delivery-clock-QuietHoursAndCapsIT");
    DeliveryInstance.twilio(props, sandbox);
    DeliveryInstance.sendgrid(props, "sendgrid", sandbox);
    props.put("kilowatch.delivery.deferral-poll", "100ms");
    kilowatch = DeliveryInstance.start(props);
    clock = kilowatch.context().getBean(ControlledClock.class);
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

  @Test
  void notificationInQuietHoursIsDeferredAndReleasedWhenTheWindowEnds() {
    kilowatch.addContact("C-quiet", "sms", "+447700900401");
    kilowatch.preferences(
        "C-quiet",
        Map.of(
            "timeZone", "Europe/London", "quietHours", Map.of("start", "22:00", "end", "07:00")));
    // 22:30 in London (BST): inside quiet hours, which end at 07:00 BST = 06:00 UTC
    clock.set(Instant.parse("2026-07-15T21:30:00Z"));
    String id = UUID.randomUUID().toString();
    kilowatch.publish(request(id, "C-quiet", "test:" + id));

    await().atMost(Duration.ofSeconds(30)).until(() -> kilowatch.status(id).equals("deferred"));
    assertThat(kilowatch.notification(id).get("statusReason").asText())
        .contains("2026-07-16T06:00:00Z");

    // a minute before the end: the scheduler polls every 100 ms and must keep it
    clock.set(Instant.parse("2026-07-16T05:59:00Z"));
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> smsTo("+447700900401").isEmpty() && kilowatch.status(id).equals("deferred"));

    clock.set(Instant.parse("2026-07-16T06:00:00Z"));
    await().atMost(Duration.ofSeconds(30)).until(() -> kilowatch.status(id).equals("sent"));
    assertThat(smsTo("+447700900401")).hasSize(1);
    assertThat(kilowatch.deliveries("none", "deferred")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void dailyCapsMoveToTheNextChannelThenRefuseUntilTheNextLocalDay() {
    kilowatch.addContact("C-cap", "sms", "+447700900402");
    kilowatch.addContact("C-cap", "email", "capped@example.com");
    kilowatch.preferences(
        "C-cap",
        Map.of(
            "timeZone", "Europe/London", "caps", Map.of("perDay", Map.of("sms", 1, "email", 1))));
    clock.set(Instant.parse("2026-07-20T10:00:00Z"));

    String first = send("C-cap");
    await().atMost(Duration.ofSeconds(30)).until(() -> kilowatch.status(first).equals("sent"));
    assertThat(kilowatch.notification(first).get("channel").asText()).isEqualTo("sms");

    // SMS is at its cap of 1 today: the next channel in the customer's order takes over
    String second = send("C-cap");
    await().atMost(Duration.ofSeconds(30)).until(() -> kilowatch.status(second).equals("sent"));
    assertThat(kilowatch.notification(second).get("channel").asText()).isEqualTo("email");

    // both at their caps: refused and recorded, nothing sent
    String third = send("C-cap");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kilowatch.status(third).equals("suppressed"));
    assertThat(kilowatch.notification(third).get("statusReason").asText()).startsWith("over-cap");
    assertThat(smsTo("+447700900402")).hasSize(1);
    assertThat(mailsTo("capped@example.com")).hasSize(1);

    // 23:30 UTC is already the next day in London (00:30 BST): the caps start again
    clock.set(Instant.parse("2026-07-20T23:30:00Z"));
    String fourth = send("C-cap");
    await().atMost(Duration.ofSeconds(30)).until(() -> kilowatch.status(fourth).equals("sent"));
    assertThat(kilowatch.notification(fourth).get("channel").asText()).isEqualTo("sms");
    assertThat(smsTo("+447700900402")).hasSize(2);
  }

  private static String send(String customerId) {
    String id = UUID.randomUUID().toString();
    kilowatch.publish(request(id, customerId, "test:" + id));
    return id;
  }

  private static List<RecordedRequest> smsTo(String phone) {
    return sandbox.requests("twilio").stream()
        .filter(r -> r.responseStatus() == 201)
        .filter(r -> phone.equals(r.formParam("To")))
        .toList();
  }

  private static List<RecordedRequest> mailsTo(String email) {
    return sandbox.requests("sendgrid").stream()
        .filter(r -> r.responseStatus() == 202)
        .filter(r -> r.body().contains(email))
        .toList();
  }
}
