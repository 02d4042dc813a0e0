package io.kilowatch.rules.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.events.pricing.PriceChanged;
import io.kilowatch.platform.messaging.RejectedEventException;
import io.kilowatch.rules.domain.Cooldown;
import io.kilowatch.rules.domain.PriceThreshold;
import io.kilowatch.rules.domain.PriceTiming;
import io.kilowatch.rules.domain.PriceTrigger;
import io.kilowatch.rules.domain.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Price rules from a price move to the notifications in the outbox. */
class PriceAlertsTest {
  static final String LON = "GB-LON";
  static final String MAN = "GB-MAN";

  RulesEngineFixture engine = new RulesEngineFixture();

  @BeforeEach
  void meters() {
    for (int i = 1; i <= 9; i++) {
      engine.assign("C-" + i, "MTR-" + i, LON, "Europe/London");
    }
    engine.assign("C-man", "MTR-man", MAN, "Europe/London");
  }

  @Test
  void aRiseNotifiesExactlyTheCustomersWhoseAboveThresholdItCrosses() {
    Rule at30 = price("C-1", "above", "30");
    Rule at32 = price("C-2", "above", "32.5");
    price("C-3", "above", "40");
    price("C-4", "below", "10");
    price("C-man", "above", "30");
    String eventId = RulesEngineFixture.eventId();

    var outcome = move(eventId, LON, "28", "33");

    assertThat(outcome.fired()).isEqualTo(2);
    assertThat(engine.sent())
        .extracting(NotificationRequested::customerId)
        .containsExactlyInAnyOrder("C-1", "C-2");
    NotificationRequested n = engine.sentTo("C-1").get(0);
    assertThat(n.category()).isEqualTo(NotificationCategory.PRICE);
    assertThat(n.priority()).isEqualTo(NotificationPriority.NORMAL);
    assertThat(n.templateKey()).isEqualTo("price.above-threshold");
    assertThat(n.idempotencyKey()).isEqualTo("rule:" + at30.id() + ":price:" + eventId);
    assertThat(n.data())
        .containsEntry("price", "33")
        .containsEntry("threshold", "30")
        .containsEntry("unit", "p/kWh")
        .containsEntry("region", LON)
        .containsEntry("validFrom", "2026-07-15T08:30:00Z")
        .containsEntry("upcoming", "false");
    assertThat(engine.sentTo("C-2").get(0).data()).containsEntry("threshold", "32.5");
    assertThat(engine.sentTo("C-2").get(0).idempotencyKey()).contains(at32.id().toString());
  }

  @Test
  void aFallNotifiesBelowSidesIncludingNegativePlungePrices() {
    price("C-1", "below", "0", "belowReset", "2");
    price("C-2", "below", "10");
    price("C-3", "below", "-5");
    price("C-4", "above", "5");

    move(RulesEngineFixture.eventId(), LON, "12", "-1.25");

    assertThat(engine.sent())
        .extracting(NotificationRequested::customerId)
        .containsExactlyInAnyOrder("C-1", "C-2");
    assertThat(engine.sentTo("C-1").get(0).templateKey()).isEqualTo("price.below-threshold");
    assertThat(engine.sentTo("C-1").get(0).data())
        .containsEntry("price", "-1.25")
        .containsEntry("threshold", "0");
  }

  @Test
  void anAboveRuleThatFiredStaysSilentUntilThePriceFellBelowItsResetLevel() {
    price("C-1", "above", "30", "aboveReset", "25");

    move(id(), LON, "29", "31"); // fires
    move(id(), LON, "31", "28"); // below 30, not below 25
    move(id(), LON, "28", "31"); // crosses 30 again: silent
    move(id(), LON, "31", "24"); // below 25: re-armed, nothing sent
    assertThat(engine.sentTo("C-1")).hasSize(1);

    move(id(), LON, "24", "30.01"); // fires again
    assertThat(engine.sentTo("C-1")).hasSize(2);
  }

  @Test
  void aBelowRuleThatFiredStaysSilentUntilThePriceRoseAboveItsResetLevel() {
    price("C-1", "below", "0", "belowReset", "3");

    move(id(), LON, "1", "-2"); // fires
    move(id(), LON, "-2", "2"); // not above 3
    move(id(), LON, "2", "-1"); // silent
    var rearm = move(id(), LON, "-1", "3.5");
    assertThat(rearm.rearmed()).isEqualTo(1);
    move(id(), LON, "3.5", "-0.01"); // fires again

    assertThat(engine.sentTo("C-1"))
        .extracting(n -> n.data().get("price"))
        .containsExactly("-2", "-0.01");
  }

  @Test
  void replayingTheSameEventSendsNothingNew() {
    price("C-1", "above", "30");
    String eventId = id();
    move(eventId, LON, "29", "31");

    var replay = move(eventId, LON, "29", "31");
    var sameMoveNewId = move(id(), LON, "29", "31");

    assertThat(replay.fired()).isZero();
    assertThat(sameMoveNewId.fired()).isZero();
    assertThat(engine.sentTo("C-1")).hasSize(1);
  }

  @Test
  void aCooldownHoldsBackCrossingsTooSoonAfterTheLastNotification() {
    price("C-1", "above", "30", "cooldown", "PT6H");
    price("C-2", "above", "30");

    move(id(), LON, "29", "31");
    move(id(), LON, "31", "29"); // both re-armed
    engine.clock.advance(Duration.ofHours(1));
    var soon = move(id(), LON, "29", "31");

    assertThat(soon.fired()).isEqualTo(2);
    assertThat(soon.heldBack()).isEqualTo(1);
    assertThat(engine.sentTo("C-1")).hasSize(1);
    assertThat(engine.sentTo("C-2")).hasSize(2);

    move(id(), LON, "31", "29");
    engine.clock.advance(Duration.ofHours(6));
    move(id(), LON, "29", "31");
    assertThat(engine.sentTo("C-1")).hasSize(2);
  }

  @Test
  void oncePerDayCountsTheCustomersLocalDay() {
    price("C-1", "above", "30", "cooldown", "once-per-day");
    move(id(), LON, "29", "31"); // 08:00 UTC, 15 July
    move(id(), LON, "31", "29");
    engine.clock.advance(Duration.ofHours(14)); // 22:00 UTC = 23:00 in London, same day
    move(id(), LON, "29", "31");
    move(id(), LON, "31", "29");
    engine.clock.advance(Duration.ofHours(1)); // midnight in London
    move(id(), LON, "29", "31");

    assertThat(engine.sentTo("C-1")).hasSize(2);
  }

  @Test
  void aPausedRuleIsSilentAndFiresOnTheFirstCrossingAfterItIsSwitchedOnAgain() {
    Rule rule = price("C-1", "above", "30");
    engine.change(rule, "active", "false");
    move(id(), LON, "29", "31");
    assertThat(engine.sent()).isEmpty();

    engine.change(rule, "active", "true");
    move(id(), LON, "31", "32"); // no crossing of 30
    move(id(), LON, "32", "29");
    move(id(), LON, "29", "31");
    assertThat(engine.sentTo("C-1")).hasSize(1);
  }

  @Test
  void aNewThresholdTakesEffectAndArmsTheRule() {
    Rule rule = price("C-1", "above", "30");
    move(id(), LON, "29", "31");
    engine.change(rule, "above", "35");

    move(id(), LON, "31", "34");
    assertThat(engine.sentTo("C-1")).hasSize(1);
    move(id(), LON, "34", "36");
    assertThat(engine.sentTo("C-1")).hasSize(2);
    assertThat(engine.sentTo("C-1").get(1).data()).containsEntry("threshold", "35");
  }

  @Test
  void upcomingPricesAndTariffsAreFeedsOfTheirOwn() {
    price("C-1", "above", "30", "timing", "upcoming");
    price("C-2", "above", "30", "tariff", "AGILE-24");
    price("C-3", "above", "30");

    engine.prices.onPriceChanged(id(), Instant.now(), change(LON, null, "29", "31", true));
    assertThat(engine.sent()).extracting(NotificationRequested::customerId).containsExactly("C-1");
    assertThat(engine.sent().get(0).data()).containsEntry("upcoming", "true");

    engine.clearSent();
    engine.prices.onPriceChanged(id(), Instant.now(), change(LON, "AGILE-24", "29", "31", false));
    assertThat(engine.sent()).extracting(NotificationRequested::customerId).containsExactly("C-2");
    assertThat(engine.sent().get(0).data()).containsEntry("tariff", "AGILE-24");
  }

  @Test
  void aChangeAnotherInstanceCommittedIsPickedUpBeforeMatching() {
    price("C-1", "above", "30");
    // another instance added a rule: in the database, not in this instance's index
    Rule theirs =
        Rule.create(
            UUID.randomUUID(),
            "C-2",
            null,
            new PriceThreshold(
                LON, null, PriceTiming.CURRENT, new PriceTrigger(31_000_000, null), null),
            List.of(),
            Cooldown.ONCE_PER_WINDOW,
            engine.clock.instant());
    engine.db.insert(theirs);
    String feed = ((PriceThreshold) theirs.condition()).feedKey();
    engine.db.bump(feed, engine.clock.instant());

    move(id(), LON, "29", "32");

    assertThat(engine.sent())
        .extracting(NotificationRequested::customerId)
        .containsExactlyInAnyOrder("C-1", "C-2");
    assertThat(engine.index.index().version(feed)).isEqualTo(engine.db.version(feed));
  }

  @Test
  void aLargeFanOutCommitsInBatchesAndNotifiesEveryoneOnce() {
    for (int i = 1; i <= 9; i++) {
      price("C-" + i, "above", Integer.toString(20 + i));
    }
    int before = engine.transactions.newTransactions;

    var outcome = move(id(), LON, "20", "30");

    assertThat(outcome.notified()).isEqualTo(9);
    assertThat(engine.transactions.newTransactions - before).isEqualTo(3); // 9 in batches of 3
    assertThat(engine.sent())
        .extracting(NotificationRequested::idempotencyKey)
        .doesNotHaveDuplicates();
    assertThat(engine.db.feedLocks).isEqualTo(1);
  }

  @Test
  void aRegionThatIsNoCodeIsRejected() {
    assertThatThrownBy(
            () ->
                engine.prices.onPriceChanged(
                    id(), Instant.now(), change("GB LON", null, "1", "2", false)))
        .isInstanceOf(RejectedEventException.class);
  }

  // --- helpers -----------------------------------------------------------------------------

  private Rule price(String customerId, String... fields) {
    String[] all = new String[fields.length + 2];
    all[0] = "kind";
    all[1] = "price-threshold";
    System.arraycopy(fields, 0, all, 2, fields.length);
    return engine.create(customerId, all);
  }

  private PriceRuleEvaluation.Outcome move(String eventId, String region, String from, String to) {
    return engine.prices.onPriceChanged(
        eventId, engine.clock.instant(), change(region, null, from, to, false));
  }

  static PriceChanged change(
      String region, String tariff, String from, String to, boolean upcoming) {
    return new PriceChanged(
        region, tariff, from, to, "GBP", Instant.parse("2026-07-15T08:30:00Z"), null, upcoming);
  }

  private static String id() {
    return RulesEngineFixture.eventId();
  }
}
