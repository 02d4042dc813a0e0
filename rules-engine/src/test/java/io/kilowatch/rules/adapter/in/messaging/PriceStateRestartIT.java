package io.kilowatch.rules.adapter.in.messaging;

import static io.kilowatch.rules.TestEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.events.pricing.PriceChanged;
import io.kilowatch.platform.messaging.EventSubscription;
import io.kilowatch.rules.ApiClient;
import io.kilowatch.rules.application.PriceRuleIndex;
import io.kilowatch.testing.TestInfrastructure;
import io.kilowatch.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Hysteresis state lives in PostgreSQL: after a restart the index is rebuilt from it, a rule that
 * had fired stays silent until re-armed, and one that had re-armed fires on the next crossing.
 */
class PriceStateRestartIT {
  static final String SPEC = "PriceStateRestartIT";
  static final List<EventEnvelope<NotificationRequested>> REQUESTED = new CopyOnWriteArrayList<>();

  @Test
  void firedAndArmedStatesSurviveARestart() {
    Map<String, Object> props = new HashMap<>(TestInfrastructure.properties());
    props.put("spec.name", SPEC);
    props.put("kilowatch.rules.regions", "GB-LON,GB-MAN");

    String rearmsAtThirty;
    String rearmsAtTwentyFive;
    try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, props)) {
      ApplicationContext context = first.getApplicationContext();
      ApiClient api = new ApiClient(first.getURI());
      TestTokens tokens = new TestTokens(context);
      rearmsAtThirty = rule(api, tokens, "C-r1", "GB-LON", "{\"above\":30}");
      rearmsAtTwentyFive = rule(api, tokens, "C-r2", "GB-LON", "{\"above\":30,\"aboveReset\":25}");
      rule(api, tokens, "C-r3", "GB-LON", "{\"below\":0}");
      rule(api, tokens, "C-marker", "GB-MAN", "{\"above\":30}");

      publish(
          context,
          List.of(
              price("GB-LON", "25", "31"), // r1 and r2 fire
              price("GB-LON", "31", "29"), // r1 re-arms (below 30), r2 does not (not below 25)
              price("GB-MAN", "25", "31"))); // marker
      await().atMost(Duration.ofSeconds(30)).until(() -> !requestedFor("C-marker").isEmpty());
      assertThat(requestedFor("C-r1")).hasSize(1);
      assertThat(requestedFor("C-r2")).hasSize(1);
    }

    props.put("kilowatch.messaging.namespace", "kwtest-restarted-" + System.nanoTime());
    try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, props)) {
      ApplicationContext context = second.getApplicationContext();
      PriceRuleIndex index = context.getBean(PriceRuleIndex.class);
      assertThat(index.index().size()).as("rebuilt from the database").isEqualTo(4);
      assertThat(index.index().version("GB-LON||current")).isPositive();

      publish(
          context,
          List.of(
              price("GB-LON", "29", "31"), // r1 fires again; r2 still waits for 25
              price("GB-MAN", "31", "29"),
              price("GB-MAN", "29", "31"))); // marker again
      await().atMost(Duration.ofSeconds(30)).until(() -> requestedFor("C-marker").size() == 2);

      assertThat(requestedFor("C-r1"))
          .extracting(NotificationRequested::idempotencyKey)
          .hasSize(2)
          .allMatch(k -> k.startsWith("rule:" + rearmsAtThirty));
      assertThat(requestedFor("C-r2")).hasSize(1);
      assertThat(requestedFor("C-r2").get(0).idempotencyKey())
          .startsWith("rule:" + rearmsAtTwentyFive);
      assertThat(requestedFor("C-r3")).isEmpty();
    }
  }

  private static String rule(
      ApiClient api, TestTokens tokens, String customerId, String region, String sides) {
    String body =
        "{\"kind\":\"price-threshold\",\"region\":\"" + region + "\"," + sides.substring(1);
    var reply = api.post("/api/v1/rules", tokens.customer(customerId), body);
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
    return reply.body().path("id").asText();
  }

  private static EventEnvelope<PriceChanged> price(String region, String from, String to) {
    Instant at = Instant.parse("2026-07-15T12:00:00Z");
    return EventEnvelope.of(
        EventTypes.PRICE_CHANGED,
        "/kilowatch/pricing-engine",
        at,
        "region/" + region,
        new PriceChanged(region, null, from, to, "GBP", at, null, false));
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
