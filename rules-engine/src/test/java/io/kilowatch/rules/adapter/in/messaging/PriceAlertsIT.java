package io.kilowatch.rules.adapter.in.messaging;

import static io.kilowatch.rules.TestEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.events.pricing.PriceChanged;
import io.kilowatch.platform.messaging.EventSubscription;
import io.kilowatch.rules.ApiClient;
import io.kilowatch.testing.TestInfrastructure;
import io.kilowatch.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Price rules on real infrastructure: rules made over HTTP, {@code PriceChanged} events on the bus,
 * {@code NotificationRequested} on the bus for exactly the customers whose thresholds each move
 * crossed, once per crossing (hysteresis, replays), in batches.
 *
 * <p>"Nothing else arrived" without waiting: price moves are consumed in order by one consumer,
 * batches commit in order and the outbox publishes in commit order, so once the marker move's
 * notification has arrived, every notification of an earlier move has arrived before it.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PriceAlertsIT implements TestPropertyProvider {
  static final String SPEC = "PriceAlertsIT";
  static final List<EventEnvelope<NotificationRequested>> REQUESTED = new CopyOnWriteArrayList<>();
  static final int CROWD = 120;

  @Inject ApplicationContext context;
  @Inject EmbeddedServer server;
  ApiClient api;
  TestTokens tokens;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(TestInfrastructure.properties());
    props.put("spec.name", SPEC);
    props.put("kilowatch.rules.regions", "GB-LON,GB-MAN");
    props.put("kilowatch.rules.fan-out-batch-size", "20");
    return props;
  }

  @BeforeAll
  void setUp() {
    api = new ApiClient(server.getURI());
    tokens = new TestTokens(context);
  }

  @Test
  void eachMoveNotifiesExactlyTheCustomersWhoseThresholdItCrossedOncePerCrossing() {
    Map<Integer, String> crowd = new HashMap<>();
    for (int i = 0; i < CROWD; i++) {
      // 20.0, 20.1, ... 31.9 p/kWh
      String threshold = new BigDecimal("20").add(new BigDecimal(i).movePointLeft(1)).toString();
      crowd.put(i, rule("C-crowd-" + i, "\"above\":\"" + threshold + "\""));
    }
    String plunge =
        rule("C-plunge", "\"below\":\"25\",\"belowReset\":\"27\",\"channels\":[\"sms\",\"email\"]");
    String paused = rule("C-paused", "\"above\":\"26\"");
    assertThat(
            api.patch("/api/v1/rules/" + paused, tokens.customer("C-paused"), "{\"active\":false}")
                .status())
        .isEqualTo(200);
    String upcoming =
        rule("C-upcoming", "\"above\":\"26\",\"timing\":\"upcoming\",\"channels\":[\"push\"]");
    String manchester = rule("C-man", "\"above\":\"26\",\"region\":\"GB-MAN\"");

    EventEnvelope<PriceChanged> rise = price("GB-LON", "25", "30", false);
    EventEnvelope<PriceChanged> smallRise = price("GB-LON", "24.95", "25.55", false);
    publish(
        context,
        List.of(
            rise, // crowd 25.0 .. 29.9 fire
            rise, // the same event again: the inbox drops it
            price("GB-LON", "25", "30", false), // the same move again: hysteresis keeps it quiet
            price("GB-LON", "30", "24.95", false), // re-arms them; the plunge rule fires
            smallRise, // crowd 25.0 .. 25.5 fire again
            price("GB-LON", "25.55", "24", false), // plunge rule has not re-armed: silent
            price("GB-LON", "25", "27", true), // an upcoming price
            price("GB-MAN", "25", "27", false))); // marker

    await().atMost(Duration.ofSeconds(60)).until(() -> !requestedFor("C-man").isEmpty());

    for (int i = 0; i < CROWD; i++) {
      List<NotificationRequested> got = requestedFor("C-crowd-" + i);
      int expected = i >= 50 && i < 56 ? 2 : i >= 50 && i < 100 ? 1 : 0;
      assertThat(got).as("C-crowd-%d", i).hasSize(expected);
      if (expected > 0) {
        NotificationRequested first = got.get(0);
        assertThat(first.idempotencyKey())
            .isEqualTo("rule:" + crowd.get(i) + ":price:" + rise.id());
        assertThat(first.category()).isEqualTo(NotificationCategory.PRICE);
        assertThat(first.templateKey()).isEqualTo("price.above-threshold");
        assertThat(first.data())
            .containsEntry("price", "30")
            .containsEntry("unit", "p/kWh")
            .containsEntry("region", "GB-LON");
      }
      if (expected == 2) {
        assertThat(got.get(1).idempotencyKey()).endsWith(":price:" + smallRise.id());
      }
    }
    assertThat(requestedFor("C-plunge")).hasSize(1);
    assertThat(requestedFor("C-plunge").get(0).templateKey()).isEqualTo("price.below-threshold");
    assertThat(requestedFor("C-plunge").get(0).idempotencyKey()).startsWith("rule:" + plunge);
    assertThat(requestedFor("C-plunge").get(0).channels()).containsExactly("sms", "email");
    assertThat(requestedFor("C-upcoming").get(0).channels()).containsExactly("push");
    assertThat(requestedFor("C-crowd-50").get(0).channels()).as("preferences").isEmpty();
    assertThat(requestedFor("C-paused")).isEmpty();
    assertThat(requestedFor("C-upcoming")).hasSize(1);
    assertThat(requestedFor("C-upcoming").get(0).idempotencyKey()).startsWith("rule:" + upcoming);
    assertThat(requestedFor("C-upcoming").get(0).data()).containsEntry("upcoming", "true");
    assertThat(requestedFor("C-man").get(0).idempotencyKey()).startsWith("rule:" + manchester);
    assertThat(REQUESTED).hasSize(50 + 6 + 1 + 1 + 1);
    assertThat(REQUESTED).extracting(e -> e.data().idempotencyKey()).doesNotHaveDuplicates();
    assertThat(REQUESTED)
        .allSatisfy(e -> assertThat(e.subject()).isEqualTo("customer/" + e.data().customerId()));
  }

  private String rule(String customerId, String fields) {
    String region = fields.contains("\"region\"") ? "" : "\"region\":\"GB-LON\",";
    var reply =
        api.post(
            "/api/v1/rules",
            tokens.customer(customerId),
            "{\"kind\":\"price-threshold\"," + region + fields + "}");
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
    return reply.body().path("id").asText();
  }

  static EventEnvelope<PriceChanged> price(
      String region, String from, String to, boolean upcoming) {
    Instant at = Instant.parse("2026-07-15T12:00:00Z");
    return EventEnvelope.of(
        EventTypes.PRICE_CHANGED,
        "/kilowatch/pricing-engine",
        at,
        "region/" + region,
        new PriceChanged(region, null, from, to, "GBP", at, at.plusSeconds(1800), upcoming));
  }

  static List<NotificationRequested> requestedFor(String customerId) {
    return REQUESTED.stream()
        .map(EventEnvelope::data)
        .filter(n -> n.customerId().equals(customerId))
        .toList();
  }

  @Factory
  @Requires(property = "spec.name", value = SPEC)
  static class NotificationSpy {
    @Singleton
    EventSubscription requestedNotifications() {
      return EventSubscription.of(
          "test.notifications-requested",
          EventTypes.NOTIFICATION_REQUESTED.name(),
          event -> REQUESTED.add(event.bind(EventTypes.NOTIFICATION_REQUESTED)));
    }
  }
}
