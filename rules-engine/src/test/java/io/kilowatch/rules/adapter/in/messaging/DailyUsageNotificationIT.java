package io.kilowatch.rules.adapter.in.messaging;

import static io.kilowatch.rules.TestEvents.awaitOwner;
import static io.kilowatch.rules.TestEvents.dailyUsage;
import static io.kilowatch.rules.TestEvents.meterAssigned;
import static io.kilowatch.rules.TestEvents.publish;
import static io.kilowatch.rules.TestEvents.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.metering.UsageWindowUpdated;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.events.notification.NotificationRequested;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The walking skeleton on real infrastructure: billing's meter assignments and metering's usage
 * windows arrive on the bus, a customer's rule is made over HTTP, and {@code NotificationRequested}
 * leaves on the bus once per crossing per day.
 *
 * <p>"Nothing else arrived" is proven without waiting for time to pass: usage events are consumed
 * in order by one consumer and notifications leave the outbox in commit order, so once a
 * notification caused by a later marker event has arrived, any notification caused by an earlier
 * event would have arrived before it.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DailyUsageNotificationIT implements TestPropertyProvider {
  static final String SPEC = "DailyUsageNotificationIT";
  static final List<EventEnvelope<NotificationRequested>> REQUESTED = new CopyOnWriteArrayList<>();

  // the London day of 15 July 2026 (BST) starts at 23:00 UTC the day before
  static final Instant DAY_1 = Instant.parse("2026-07-14T23:00:00Z");
  static final Instant DAY_2 = DAY_1.plus(1, ChronoUnit.DAYS);
  // the Berlin day of 15 July 2026 (CEST)
  static final Instant BERLIN_DAY_1 = Instant.parse("2026-07-14T22:00:00Z");

  @Inject ApplicationContext context;
  @Inject EmbeddedServer server;
  ApiClient api;
  TestTokens tokens;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(TestInfrastructure.properties());
    props.put("spec.name", SPEC);
    return props;
  }

  @BeforeAll
  void setUp() {
    api = new ApiClient(server.getURI());
    tokens = new TestTokens(context);
  }

  @Test
  void aDailyThresholdCrossingIsNotifiedOncePerDay() {
    assign("C-ann", "MTR-ann-1", "Europe/London");
    assign("C-ann", "MTR-ann-2", "Europe/London");
    assign("C-ben", "MTR-ben-1", "Europe/Berlin");
    assign("C-cat", "MTR-cat-1", "Europe/London");
    String annRule =
        createRule(
            "C-ann",
            "{\"kind\":\"daily-usage-above\",\"thresholdKwh\":\"10\","
                + "\"meterId\":\"MTR-ann-1\"}");
    String benRule = createRule("C-ben", "{\"kind\":\"daily-usage-above\",\"thresholdKwh\":12.5}");

    EventEnvelope<UsageWindowUpdated> crossing = dailyUsage("MTR-ann-1", DAY_1, 10_250);
    EventEnvelope<UsageWindowUpdated> nextDay = dailyUsage("MTR-ann-1", DAY_2, 10_000);
    publish(
        context,
        List.of(
            dailyUsage("MTR-ann-2", DAY_1, 12_000), // ann's rule is for her other meter
            dailyUsage("MTR-ann-1", DAY_1, 9_999), // below
            dailyUsage("MTR-cat-1", DAY_1, 50_000), // cat has no rule
            usage("MTR-ann-1", "PT1H", DAY_1, DAY_1.plus(1, ChronoUnit.HOURS), 20_000), // hourly
            dailyUsage("MTR-nobody", DAY_1, 50_000), // no owner
            crossing, // fires
            crossing, // the same event again: the inbox drops it
            dailyUsage("MTR-ann-1", DAY_1, 11_000), // higher total, same day: already fired
            nextDay, // at the threshold the next day: fires again
            dailyUsage("MTR-ben-1", BERLIN_DAY_1, 13_000))); // marker: fires for ben

    await().atMost(Duration.ofSeconds(30)).until(() -> !requestedFor("C-ben").isEmpty());

    assertThat(REQUESTED).extracting(e -> e.data().customerId()).doesNotContain("C-cat");
    List<NotificationRequested> ann = requestedFor("C-ann");
    assertThat(ann).hasSize(2);
    assertNotification(ann.get(0), annRule, DAY_1, "10", "10.25", "MTR-ann-1", "2026-07-15");
    assertThat(ann.get(0).requestedAt()).isEqualTo(crossing.data().asOf());
    assertNotification(ann.get(1), annRule, DAY_2, "10", "10", "MTR-ann-1", "2026-07-16");
    assertThat(ann.get(1).requestedAt()).isEqualTo(nextDay.data().asOf());

    List<NotificationRequested> ben = requestedFor("C-ben");
    assertThat(ben).hasSize(1);
    assertNotification(ben.get(0), benRule, BERLIN_DAY_1, "12.5", "13", "MTR-ben-1", "2026-07-15");
    assertThat(ann.get(0).notificationId())
        .isNotEqualTo(ann.get(1).notificationId())
        .isNotEqualTo(ben.get(0).notificationId());
    assertThat(envelopesFor("C-ann"))
        .allSatisfy(
            e -> {
              assertThat(e.source()).isEqualTo("/kilowatch/rules-engine");
              assertThat(e.subject()).isEqualTo("customer/C-ann");
            });
  }

  @Test
  void aSwitchedOffRuleStaysSilentUntilSwitchedOnAgain() {
    assign("C-dan", "MTR-dan-1", "Europe/London");
    assign("C-eve", "MTR-eve-1", "Europe/London");
    String danRule = createRule("C-dan", "{\"kind\":\"daily-usage-above\",\"thresholdKwh\":\"5\"}");
    createRule("C-eve", "{\"kind\":\"daily-usage-above\",\"thresholdKwh\":\"1\"}");
    assertThat(
            api.patch("/api/v1/rules/" + danRule, tokens.customer("C-dan"), "{\"active\":false}")
                .status())
        .isEqualTo(200);

    publish(
        context,
        List.of(
            dailyUsage("MTR-dan-1", DAY_1, 6_000), // rule is off
            dailyUsage("MTR-eve-1", DAY_1, 2_000))); // marker
    await().atMost(Duration.ofSeconds(30)).until(() -> requestedFor("C-eve").size() == 1);
    assertThat(requestedFor("C-dan")).isEmpty();

    assertThat(
            api.patch("/api/v1/rules/" + danRule, tokens.customer("C-dan"), "{\"active\":true}")
                .status())
        .isEqualTo(200);
    publish(context, List.of(dailyUsage("MTR-dan-1", DAY_1, 6_500)));
    await().atMost(Duration.ofSeconds(30)).until(() -> requestedFor("C-dan").size() == 1);
    assertThat(requestedFor("C-dan").get(0).data()).containsEntry("usageKwh", "6.5");
  }

  private void assign(String customerId, String meterId, String zone) {
    publish(context, List.of(meterAssigned(customerId, meterId, zone)));
    awaitOwner(context, meterId, customerId);
  }

  private String createRule(String customerId, String body) {
    var reply = api.post("/api/v1/rules", tokens.customer(customerId), body);
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
    return reply.body().path("id").asText();
  }

  private static void assertNotification(
      NotificationRequested n,
      String ruleId,
      Instant windowStart,
      String thresholdKwh,
      String usageKwh,
      String meterId,
      String day) {
    assertThat(n.category()).isEqualTo(NotificationCategory.USAGE);
    assertThat(n.priority()).isEqualTo(NotificationPriority.NORMAL);
    assertThat(n.templateKey()).isEqualTo("usage.daily-threshold-crossed");
    assertThat(n.idempotencyKey()).isEqualTo("rule:" + ruleId + ":" + windowStart);
    assertThat(n.data())
        .isEqualTo(
            Map.of(
                "thresholdKwh",
                thresholdKwh,
                "usageKwh",
                usageKwh,
                "meterId",
                meterId,
                "day",
                day));
  }

  static List<EventEnvelope<NotificationRequested>> envelopesFor(String customerId) {
    return REQUESTED.stream().filter(e -> e.data().customerId().equals(customerId)).toList();
  }

  static List<NotificationRequested> requestedFor(String customerId) {
    return envelopesFor(customerId).stream().map(EventEnvelope::data).toList();
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
