package io.kilowatch.rules.adapter.in.messaging;

import static io.kilowatch.rules.TestEvents.awaitOwner;
import static io.kilowatch.rules.TestEvents.dailyUsage;
import static io.kilowatch.rules.TestEvents.event;
import static io.kilowatch.rules.TestEvents.meterAssigned;
import static io.kilowatch.rules.TestEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.billing.BillIssued;
import io.kilowatch.events.billing.BillProjected;
import io.kilowatch.events.billing.PaymentDue;
import io.kilowatch.events.billing.PaymentOverdue;
import io.kilowatch.events.metering.OutageCleared;
import io.kilowatch.events.metering.OutageSuspected;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.events.pricing.DayAheadPricesPublished;
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
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Cost, billing, outage, digest and weekly usage rules on real infrastructure: events on the bus,
 * {@code NotificationRequested} on the bus for exactly the expected customers, once per cause. Each
 * queue gets a final marker event whose notification proves the earlier ones have all arrived (one
 * consumer per queue, outbox in commit order).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BillingOutageDigestAlertsIT implements TestPropertyProvider {
  static final String SPEC = "BillingOutageDigestAlertsIT";
  static final List<EventEnvelope<NotificationRequested>> REQUESTED = new CopyOnWriteArrayList<>();
  static final Instant T = Instant.parse("2026-07-15T09:00:00Z");
  static final LocalDate JULY = LocalDate.of(2026, 7, 1);

  @Inject ApplicationContext context;
  @Inject EmbeddedServer server;
  ApiClient api;
  TestTokens tokens;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(TestInfrastructure.properties());
    props.put("spec.name", SPEC);
    props.put("kilowatch.rules.fan-out-batch-size", "3");
    props.put("kilowatch.rules.regions", "GB-LON,GB-MAN");
    return props;
  }

  @BeforeAll
  void setUp() {
    api = new ApiClient(server.getURI());
    tokens = new TestTokens(context);
  }

  @Test
  void billingEventsNotifyTheCustomersWhoAskedOncePerCause() {
    rule("C-budget", "{\"kind\":\"projected-bill-above\",\"amount\":\"120\",\"currency\":\"GBP\"}");
    rule("C-modest", "{\"kind\":\"projected-bill-above\",\"amount\":\"500\",\"currency\":\"GBP\"}");
    rule("C-todate", "{\"kind\":\"period-cost-above\",\"amount\":\"50\",\"currency\":\"GBP\"}");
    rule("C-bills", "{\"kind\":\"bill-issued\",\"channels\":[\"email\",\"push\"]}");
    rule("C-bills", "{\"kind\":\"payment-overdue\"}");
    rule("C-due", "{\"kind\":\"payment-due\"}");
    rule("C-billing-marker", "{\"kind\":\"bill-issued\"}");
    LocalDate due = LocalDate.of(2026, 8, 1);
    var issued =
        event(
            EventTypes.BILL_ISSUED,
            "customer/C-bills",
            T,
            new BillIssued("C-bills", "B-1", "84.10", "GBP", due));

    publish(
        context,
        List.of(
            projected("C-budget", "119.99", "40"),
            projected("C-budget", "120.01", "41"), // fires
            projected("C-budget", "150", "45"), // same period: silent
            projected("C-modest", "200", "60"),
            projected("C-todate", "100", "50.01"), // fires
            issued,
            issued, // replayed
            event(
                EventTypes.BILL_ISSUED,
                "customer/C-bills",
                T,
                new BillIssued("C-bills", "B-1", "84.10", "GBP", due)), // duplicate with a new id
            event(
                EventTypes.PAYMENT_DUE,
                "customer/C-bills",
                T,
                new PaymentDue("C-bills", "B-1", "84.10", "GBP", due)), // no rule
            event(
                EventTypes.PAYMENT_DUE,
                "customer/C-due",
                T,
                new PaymentDue("C-due", "B-2", "10", "GBP", due)),
            event(
                EventTypes.PAYMENT_OVERDUE,
                "customer/C-bills",
                T,
                new PaymentOverdue("C-bills", "B-1", "84.10", "GBP", due)),
            event(
                EventTypes.BILL_ISSUED,
                "customer/C-billing-marker",
                T,
                new BillIssued("C-billing-marker", "B-9", "1", "GBP", due))));

    await().atMost(Duration.ofSeconds(30)).until(() -> !requestedFor("C-billing-marker").isEmpty());

    assertThat(keys("C-budget")).containsExactly("cost.projected-bill-above-budget");
    assertThat(requestedFor("C-budget").get(0).data()).containsEntry("projectedAmount", "120.01");
    assertThat(requestedFor("C-budget").get(0).category()).isEqualTo(NotificationCategory.COST);
    assertThat(requestedFor("C-modest")).isEmpty();
    assertThat(keys("C-todate")).containsExactly("cost.period-to-date-above");
    assertThat(keys("C-bills")).containsExactly("billing.bill-issued", "billing.payment-overdue");
    assertThat(requestedFor("C-bills"))
        .as("the rule's channels, or none for the customer's preferences")
        .extracting(NotificationRequested::channels)
        .containsExactly(List.of("email", "push"), List.of());
    assertThat(keys("C-due")).containsExactly("billing.payment-due");
  }

  @Test
  void outagesNotifyTheRegionsCustomersCriticallyAndTheirClearanceOnlyThoseTold() {
    assign("C-out-1", "MTR-out-1", "GB-LON");
    assign("C-out-2", "MTR-out-2", "GB-LON");
    assign("C-out-man", "MTR-out-man", "GB-MAN");
    assign("C-out-late", "MTR-out-late", "GB-LON");
    for (String c : List.of("C-out-1", "C-out-man")) {
      rule(c, "{\"kind\":\"outage\"}");
    }
    rule("C-out-2", "{\"kind\":\"outage\",\"meterId\":\"MTR-out-2\"}");
    for (int i = 0; i < 5; i++) { // more than a page
      assign("C-out-crowd-" + i, "MTR-out-crowd-" + i, "GB-LON");
      rule("C-out-crowd-" + i, "{\"kind\":\"outage\"}");
    }
    var suspected =
        event(
            EventTypes.OUTAGE_SUSPECTED,
            "region/GB-LON",
            T,
            new OutageSuspected("OUT-7", "GB-LON", null, T));
    publish(context, List.of(suspected, suspected));
    await().atMost(Duration.ofSeconds(30)).until(() -> !requestedFor("C-out-1").isEmpty());
    rule("C-out-late", "{\"kind\":\"outage\"}"); // too late to hear of the suspicion

    Instant cleared = T.plus(2, ChronoUnit.HOURS);
    publish(
        context,
        List.of(
            event(
                EventTypes.OUTAGE_CLEARED,
                "region/GB-LON",
                cleared,
                new OutageCleared("OUT-7", "GB-LON", null, cleared)),
            event(
                EventTypes.OUTAGE_SUSPECTED,
                "meter/MTR-out-man",
                cleared,
                new OutageSuspected("OUT-8", null, "MTR-out-man", cleared)))); // marker

    await().atMost(Duration.ofSeconds(30)).until(() -> !requestedFor("C-out-man").isEmpty());

    List<String> told = new ArrayList<>(List.of("C-out-1", "C-out-2"));
    for (int i = 0; i < 5; i++) {
      told.add("C-out-crowd-" + i);
    }
    for (String c : told) {
      assertThat(keys(c)).as(c).containsExactly("outage.suspected", "outage.cleared");
      assertThat(requestedFor(c).get(0).priority()).isEqualTo(NotificationPriority.CRITICAL);
      assertThat(requestedFor(c).get(1).priority()).isEqualTo(NotificationPriority.NORMAL);
    }
    assertThat(requestedFor("C-out-late")).isEmpty();
    assertThat(keys("C-out-man")).containsExactly("outage.suspected");
    assertThat(requestedFor("C-out-man").get(0).data()).containsEntry("meterId", "MTR-out-man");
  }

  @Test
  void dayAheadPricesSendEachDigestRuleOfTheRegionOneDigest() {
    for (String c : List.of("C-digest-1", "C-digest-2")) {
      rule(c, "{\"kind\":\"price-day-ahead-digest\",\"region\":\"GB-LON\"}");
    }
    rule(
        "C-digest-agile",
        "{\"kind\":\"price-day-ahead-digest\",\"region\":\"GB-LON\",\"tariff\":\"AGILE\"}");
    var london = event(EventTypes.DAY_AHEAD_PRICES_PUBLISHED, "region/GB-LON", T, dayAhead(null));
    publish(
        context,
        List.of(
            london,
            london,
            event(EventTypes.DAY_AHEAD_PRICES_PUBLISHED, "region/GB-LON", T, dayAhead(null)),
            event(EventTypes.DAY_AHEAD_PRICES_PUBLISHED, "region/GB-LON", T, dayAhead("AGILE"))));

    await().atMost(Duration.ofSeconds(30)).until(() -> !requestedFor("C-digest-agile").isEmpty());

    for (String c : List.of("C-digest-1", "C-digest-2", "C-digest-agile")) {
      assertThat(keys(c)).as(c).containsExactly("price.day-ahead-digest");
    }
    assertThat(requestedFor("C-digest-1").get(0).data())
        .containsEntry("day", "2026-07-16")
        .containsEntry("cheapestWindow", "01:00-02:00")
        .containsEntry("cheapestPrice", "-2.00")
        .containsEntry("dearestWindow", "00:00-01:00")
        .containsEntry("dearestPrice", "30.00");
  }

  @Test
  void aWeeksUsageAcrossTheCustomersMetersNotifiesOnceThatWeek() {
    assign("C-week", "MTR-week-1", "GB-LON");
    assign("C-week", "MTR-week-2", "GB-LON");
    assign("C-week-marker", "MTR-week-marker", "GB-LON");
    rule("C-week", "{\"kind\":\"weekly-usage-above\",\"thresholdKwh\":\"30\"}");
    rule("C-week-marker", "{\"kind\":\"daily-usage-above\",\"thresholdKwh\":\"1\"}");
    Instant monday = Instant.parse("2026-07-12T23:00:00Z"); // 13 July, London
    publish(
        context,
        List.of(
            dailyUsage("MTR-week-1", monday, 20_000),
            dailyUsage("MTR-week-2", monday.plus(1, ChronoUnit.DAYS), 10_000), // 30 kWh: fires
            dailyUsage("MTR-week-1", monday.plus(2, ChronoUnit.DAYS), 10_000), // same week
            dailyUsage("MTR-week-marker", monday, 2_000)));

    await().atMost(Duration.ofSeconds(30)).until(() -> !requestedFor("C-week-marker").isEmpty());

    assertThat(keys("C-week")).containsExactly("usage.weekly-threshold-crossed");
    assertThat(requestedFor("C-week").get(0).data())
        .containsEntry("weekStart", "2026-07-13")
        .containsEntry("usageKwh", "30");
  }

  // --- helpers -----------------------------------------------------------------------------

  private void assign(String customerId, String meterId, String region) {
    publish(context, List.of(meterAssigned(customerId, meterId, region, "Europe/London")));
    awaitOwner(context, meterId, customerId);
  }

  private void rule(String customerId, String body) {
    var reply = api.post("/api/v1/rules", tokens.customer(customerId), body);
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
  }

  private static EventEnvelope<BillProjected> projected(
      String customerId, String projected, String toDate) {
    return event(
        EventTypes.BILL_PROJECTED,
        "customer/" + customerId,
        T,
        new BillProjected(
            customerId, JULY, JULY.plusMonths(1).minusDays(1), projected, toDate, "GBP", T));
  }

  private static DayAheadPricesPublished dayAhead(String tariff) {
    Instant midnight = Instant.parse("2026-07-15T23:00:00Z");
    String[] prices = {"30.00", "-2.00", "10.00"};
    List<DayAheadPricesPublished.Interval> intervals = new ArrayList<>();
    for (int h = 0; h < prices.length; h++) {
      Instant start = midnight.plus(h, ChronoUnit.HOURS);
      intervals.add(
          new DayAheadPricesPublished.Interval(start, start.plus(1, ChronoUnit.HOURS), prices[h]));
    }
    return new DayAheadPricesPublished(
        "GB-LON", tariff, LocalDate.of(2026, 7, 16), "Europe/London", "GBP", intervals);
  }

  static List<NotificationRequested> requestedFor(String customerId) {
    return REQUESTED.stream()
        .map(EventEnvelope::data)
        .filter(n -> n.customerId().equals(customerId))
        .toList();
  }

  static List<String> keys(String customerId) {
    return requestedFor(customerId).stream().map(NotificationRequested::templateKey).toList();
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
