package io.kilowatch.delivery.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.sandbox.ProviderSandbox;
import io.kilowatch.sandbox.RecordedRequest;
import io.kilowatch.sandbox.SandboxSettings;
import io.kilowatch.testing.TestInfrastructure;
import java.nio.charset.StandardCharsets;
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
 * Price is configured as a daily digest (PT24H): non-critical price notifications of one window are
 * kept in PostgreSQL (also across a restart of the instance) and go out as one message with all of
 * them when the window closes, with the platform clock under the test's control. Critical ones and
 * other categories go out at once.
 */
class DigestIT {
  static final String PHONE = "+447700900501";
  static ProviderSandbox sandbox;
  static Map<String, Object> props;
  static DeliveryInstance kilowatch;

  @BeforeAll
  static void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.defaults());
    props = new HashMap<>(TestInfrastructure.properties());
    props.put("spec.name", "delivery-clock-DigestIT");
    DeliveryInstance.twilio(props, sandbox);
    props.put("kilowatch.delivery.digest.price.window", "PT24H");
    props.put("kilowatch.delivery.digest-poll", "100ms");
    kilowatch = DeliveryInstance.start(props);
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
  void threePriceNotificationsInOneWindowGoOutAsOneDigestWithThreeItems() {
    kilowatch.addContact("C-digest", "sms", PHONE);
    clock().set(Instant.parse("2026-07-15T12:00:00Z")); // window 2026-07-15T00:00Z .. 07-16T00:00Z
    List<String> ids =
        List.of(
            price("C-digest", "31.10", NotificationPriority.NORMAL),
            price("C-digest", "32.20", NotificationPriority.NORMAL),
            price("C-digest", "33.30", NotificationPriority.NORMAL));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ids.stream().allMatch(id -> kilowatch.status(id).equals("digested")));
    assertThat(kilowatch.notification(ids.get(0)).get("statusReason").asText())
        .contains("2026-07-16T00:00:00Z");

    // a critical price alert is never held back
    String critical = price("C-digest", "99.90", NotificationPriority.CRITICAL);
    await().atMost(Duration.ofSeconds(30)).until(() -> kilowatch.status(critical).equals("sent"));
    assertThat(smsTo(PHONE)).hasSize(1);

    // the buffer is durable: a restarted instance still has the three items
    kilowatch.close();
    kilowatch = DeliveryInstance.start(props);

    clock().set(Instant.parse("2026-07-15T23:59:00Z"));
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> smsTo(PHONE).size() == 1);

    clock().set(Instant.parse("2026-07-16T00:00:00Z"));
    await().atMost(Duration.ofSeconds(30)).until(() -> smsTo(PHONE).size() == 2);
    String digest = smsTo(PHONE).get(1).formParam("Body");
    assertThat(digest).contains("3 price updates").contains("31.10", "32.20", "33.30");
    assertThat(digest).doesNotContain("99.90");

    String digestId =
        UUID.nameUUIDFromBytes(
                "digest:C-digest:price:2026-07-16T00:00:00Z".getBytes(StandardCharsets.UTF_8))
            .toString();
    await().atMost(Duration.ofSeconds(10)).until(() -> kilowatch.status(digestId).equals("sent"));
    assertThat(kilowatch.notification(digestId).get("templateKey").asText())
        .isEqualTo("price.digest");
    // the window is sent once: nothing more arrives while the scheduler keeps polling
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> smsTo(PHONE).size() == 2);
    // the items' own statuses stay digested
    assertThat(ids).allMatch(id -> kilowatch.status(id).equals("digested"));
  }

  private static ControlledClock clock() {
    return kilowatch.context().getBean(ControlledClock.class);
  }

  private static String price(String customerId, String price, NotificationPriority priority) {
    String id = UUID.randomUUID().toString();
    kilowatch.publish(
        EventEnvelope.of(
            EventTypes.NOTIFICATION_REQUESTED,
            "/test",
            Instant.now(),
            "customer/" + customerId,
            new NotificationRequested(
                id,
                customerId,
                NotificationCategory.PRICE,
                priority,
                "price.above-threshold",
                "test:" + id,
                Map.of(
                    "price", price,
                    "threshold", "30",
                    "unit", "ct/kWh",
                    "region", "North West",
                    "validFrom", "15 Jul 17:00"),
                clock().instant())));
    return id;
  }

  private static List<RecordedRequest> smsTo(String phone) {
    return sandbox.requests("twilio").stream()
        .filter(r -> r.responseStatus() == 201)
        .filter(r -> phone.equals(r.formParam("To")))
        .toList();
  }
}
