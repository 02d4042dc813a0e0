package io.kilowatch.preference.application;

import static io.kilowatch.events.notification.NotificationCategory.MARKETING;
import static io.kilowatch.events.notification.NotificationCategory.OUTAGE;
import static io.kilowatch.events.notification.NotificationCategory.USAGE;
import static io.kilowatch.events.notification.NotificationPriority.CRITICAL;
import static io.kilowatch.events.notification.NotificationPriority.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.channel.Channel;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.preference.ApiClient;
import io.kilowatch.preference.Database;
import io.kilowatch.preference.domain.DeliveryPlan;
import io.kilowatch.testing.TestInfrastructure;
import io.kilowatch.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Java API delivery calls, on real PostgreSQL: preferences and contact points set up through
 * the HTTP API, the send log written through {@link DeliveryPlanner#recordSent} and counted over
 * the customer's local days across both of London's 2026 clock changes.
 */
// every call commits on its own, as in production: no test-wide transaction
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryPlannerIT implements TestPropertyProvider {
  @Inject ApplicationContext context;
  @Inject EmbeddedServer server;
  @Inject DeliveryPlanner planner;
  @Inject ContactPoints contactPoints;
  ApiClient api;
  TestTokens tokens;
  Database db;
  String admin;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(TestInfrastructure.properties());
    props.put("spec.name", "preference-DeliveryPlannerIT");
    return props;
  }

  @BeforeAll
  void setUp() {
    api = new ApiClient(server.getURI());
    tokens = new TestTokens(context);
    db = new Database(context);
    admin = tokens.token("admin-1", Roles.ADMIN);
  }

  /** A customer with a verified phone and email (an admin vouches for them) and preferences. */
  void customer(String customerId, String preferences) {
    for (String point :
        List.of(
            "{\"channel\":\"sms\",\"address\":\"+447700900123\",\"verified\":true}",
            "{\"channel\":\"email\",\"address\":\"ada@example.com\",\"verified\":true}")) {
      var added = api.post("/api/v1/customers/" + customerId + "/contact-points", admin, point);
      assertThat(added.status()).as(added.body().toString()).isEqualTo(201);
    }
    var saved = api.put("/api/v1/preferences", tokens.customer(customerId), preferences);
    assertThat(saved.status()).as(saved.body().toString()).isEqualTo(200);
  }

  static List<Channel> channels(DeliveryPlan plan) {
    return plan.candidates().stream().map(DeliveryPlan.Candidate::channel).toList();
  }

  @Test
  void quietHoursDeferToTheirEndOnTheNightTheClocksGoForward() {
    customer(
        "C-spring-night",
        """
        {"locale":"cy-GB","quietHours":{"start":"21:00","end":"08:00"},
         "categories":{"usage":{"channels":["sms","email"]}}}
        """);
    DeliveryPlan night =
        planner.plan("C-spring-night", USAGE, NORMAL, Instant.parse("2026-03-28T22:00:00Z"));
    assertThat(night.isDeferred()).isTrue();
    assertThat(night.deferUntil()).isEqualTo(Instant.parse("2026-03-29T07:00:00Z")); // 08:00 BST
    assertThat(night.locale().toLanguageTag()).isEqualTo("cy-GB");

    DeliveryPlan morning = planner.plan("C-spring-night", USAGE, NORMAL, night.deferUntil());
    assertThat(morning.sendNow()).isTrue();
    assertThat(channels(morning)).containsExactly(Channel.SMS, Channel.EMAIL);
    assertThat(morning.candidates().get(0).address()).isEqualTo("+447700900123");

    // a critical outage goes out at once
    DeliveryPlan outage =
        planner.plan("C-spring-night", OUTAGE, CRITICAL, Instant.parse("2026-03-29T01:30:00Z"));
    assertThat(outage.sendNow()).isTrue();
    assertThat(outage.critical()).isTrue();
  }

  @Test
  void quietHoursDeferToTheirEndOnTheNightTheClocksGoBack() {
    customer("C-autumn-night", "{\"quietHours\":{\"start\":\"21:00\",\"end\":\"08:00\"}}");
    DeliveryPlan plan =
        planner.plan("C-autumn-night", USAGE, NORMAL, Instant.parse("2026-10-25T07:15:00Z"));
    assertThat(plan.deferUntil()).isEqualTo(Instant.parse("2026-10-25T08:00:00Z")); // 08:00 GMT
  }

  @Test
  void theDailySmsCapCountsTheLocalDayOf23Hours() {
    customer("C-spring-caps", "{\"categories\":{\"usage\":{\"channels\":[\"sms\",\"email\"]}}}");
    for (String at :
        List.of("2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z", "2026-03-29T12:00:00Z")) {
      planner.recordSent("C-spring-caps", USAGE, Channel.SMS, Instant.parse(at));
    }
    // 23:59 BST on the 29th: SMS has had its three, email takes over
    DeliveryPlan late =
        planner.plan("C-spring-caps", USAGE, NORMAL, Instant.parse("2026-03-29T22:59:00Z"));
    assertThat(channels(late)).containsExactly(Channel.EMAIL);
    // 00:00 BST on the 30th, 23 hours after the day began: SMS again
    DeliveryPlan next =
        planner.plan("C-spring-caps", USAGE, NORMAL, Instant.parse("2026-03-29T23:00:00Z"));
    assertThat(channels(next)).containsExactly(Channel.SMS, Channel.EMAIL);
  }

  @Test
  void theDailySmsCapCountsTheLocalDayOf25Hours() {
    customer("C-autumn-caps", "{\"categories\":{\"usage\":{\"channels\":[\"sms\"]}}}");
    Instant start = Instant.parse("2026-10-24T23:30:00Z"); // 00:30 BST on the 25th
    for (int i = 0; i < 3; i++) {
      planner.recordSent("C-autumn-caps", USAGE, Channel.SMS, start.plus(Duration.ofMinutes(i)));
    }
    // 24 hours later it is 23:30 GMT, still the 25th
    DeliveryPlan sameDay =
        planner.plan("C-autumn-caps", USAGE, NORMAL, start.plus(Duration.ofHours(24)));
    assertThat(sameDay.refusal()).isEqualTo(DeliveryPlan.Refusal.OVER_CAP);
    assertThat(sameDay.detail()).isEqualTo("3 of at most 3 sms today");
    DeliveryPlan nextDay =
        planner.plan("C-autumn-caps", USAGE, NORMAL, Instant.parse("2026-10-26T00:00:00Z"));
    assertThat(nextDay.sendNow()).isTrue();
    // a critical outage is let through over the cap, and counts
    assertThat(
            planner
                .plan("C-autumn-caps", OUTAGE, CRITICAL, start.plus(Duration.ofHours(24)))
                .sendNow())
        .isTrue();
  }

  @Test
  void theWeeklyCapAndACategorysOwnCap() {
    customer(
        "C-weekly",
        """
        {"caps":{"perDay":{},"perWeek":3},
         "categories":{"marketing":{"channels":["email"],"caps":{"perDay":{},"perWeek":1}}}}
        """);
    Instant monday = Instant.parse("2026-07-13T09:00:00Z");
    planner.recordSent("C-weekly", MARKETING, Channel.EMAIL, monday);
    assertThat(planner.plan("C-weekly", MARKETING, NORMAL, monday.plusSeconds(60)).detail())
        .isEqualTo("1 of at most 1 marketing messages this week");
    assertThat(planner.plan("C-weekly", USAGE, NORMAL, monday.plusSeconds(60)).sendNow()).isTrue();

    // a message recorded without its category counts towards the overall cap only
    planner.recordSent("C-weekly", Channel.SMS, monday.plusSeconds(120));
    planner.recordSent("C-weekly", Channel.SMS, monday.plusSeconds(180));
    DeliveryPlan full = planner.plan("C-weekly", USAGE, NORMAL, monday.plus(Duration.ofDays(6)));
    assertThat(full.refusal()).isEqualTo(DeliveryPlan.Refusal.OVER_CAP);
    assertThat(full.detail()).isEqualTo("3 of at most 3 messages this week");
    assertThat(planner.plan("C-weekly", USAGE, NORMAL, monday.plus(Duration.ofDays(7))).sendNow())
        .isTrue();
  }

  @Test
  void aCriticalOutageNeverBypassesAnOptOut() {
    customer(
        "C-opted-out",
        """
        {"quietHours":{"start":"21:00","end":"08:00"},
         "categories":{"outage":{"channels":["email"],"optOut":["sms"]}}}
        """);
    DeliveryPlan plan =
        planner.plan("C-opted-out", OUTAGE, CRITICAL, Instant.parse("2026-07-15T01:00:00Z"));
    assertThat(channels(plan)).containsExactly(Channel.EMAIL);

    api.put(
        "/api/v1/preferences",
        tokens.customer("C-opted-out"),
        "{\"categories\":{\"outage\":{\"channels\":[],\"optOut\":[\"sms\",\"email\"]}}}");
    DeliveryPlan none =
        planner.plan("C-opted-out", OUTAGE, CRITICAL, Instant.parse("2026-07-15T01:00:00Z"));
    assertThat(none.refusal()).isEqualTo(DeliveryPlan.Refusal.OPTED_OUT);
  }

  @Test
  void anUnverifiedPointGetsNothing() {
    var added =
        api.post(
            "/api/v1/contact-points",
            tokens.customer("C-unverified"),
            "{\"channel\":\"sms\",\"address\":\"+447700900555\"}");
    assertThat(added.status()).isEqualTo(201);
    DeliveryPlan plan =
        planner.plan("C-unverified", USAGE, NORMAL, Instant.parse("2026-07-15T12:00:00Z"));
    assertThat(plan.refusal()).isEqualTo(DeliveryPlan.Refusal.NO_VERIFIED_CONTACT_POINT);
    assertThat(plan.detail()).isEqualTo("no verified contact point on sms, push, email");
    assertThat(contactPoints.verified("C-unverified", Channel.SMS)).isEmpty();
  }

  @Test
  void aCustomerWhoSetNothingGetsTheDefaults() {
    var added =
        api.post(
            "/api/v1/customers/C-plain/contact-points",
            admin,
            "{\"channel\":\"push\",\"address\":\"device-1\",\"platform\":\"ios\"}");
    assertThat(added.status()).isEqualTo(201);
    DeliveryPlan plan =
        planner.plan("C-plain", USAGE, NORMAL, Instant.parse("2026-07-15T03:00:00Z"));
    assertThat(plan.sendNow()).isTrue();
    assertThat(plan.candidates())
        .extracting(DeliveryPlan.Candidate::address)
        .containsExactly("device-1");
    assertThat(plan.candidates().get(0).platform().wireName()).isEqualTo("ios");
    assertThat(plan.locale().toLanguageTag()).isEqualTo("en-GB");
    assertThat(plan.timeZone().getId()).isEqualTo("Europe/London");
    // marketing goes by email only by default
    assertThat(
            planner
                .plan("C-plain", MARKETING, NORMAL, Instant.parse("2026-07-15T12:00:00Z"))
                .refusal())
        .isEqualTo(DeliveryPlan.Refusal.NO_VERIFIED_CONTACT_POINT);
  }

  @Test
  void theSendLogForgetsWhatNoCapCountsAnyMore() {
    Instant now = Instant.parse("2026-07-15T12:00:00Z");
    String log = "SELECT count(*) FROM preference.send_log WHERE customer_id = 'C-old'";
    planner.recordSent("C-old", USAGE, Channel.SMS, now.minus(Duration.ofDays(20)));
    planner.recordSent("C-old", USAGE, Channel.SMS, now.minus(Duration.ofDays(10)));
    assertThat(db.count(log)).isEqualTo(2);
    // recording now forgets what is older than the retention (14 days)
    planner.recordSent("C-old", USAGE, Channel.SMS, now);
    assertThat(db.count(log)).isEqualTo(2);
    assertThat(
            db.count(
                log + " AND sent_at < ?", java.sql.Timestamp.from(now.minus(Duration.ofDays(14)))))
        .isZero();
    // planning reads, never writes
    planner.plan("C-old", USAGE, NORMAL, now);
    assertThat(db.count(log)).isEqualTo(2);
  }
}
