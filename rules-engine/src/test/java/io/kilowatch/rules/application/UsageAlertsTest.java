package io.kilowatch.rules.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.events.billing.BillProjected;
import io.kilowatch.events.metering.UsageWindowUpdated;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.rules.domain.Rule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Usage rules from metering's daily totals to the notifications in the outbox. */
class UsageAlertsTest {
  static final ZoneId LONDON = ZoneId.of("Europe/London");
  // Monday 13 July 2026 in London
  static final LocalDate MONDAY = LocalDate.of(2026, 7, 13);

  RulesEngineFixture engine = new RulesEngineFixture();

  @BeforeEach
  void meters() {
    engine.assign("C-1", "MTR-1", "GB-LON", "Europe/London");
    engine.assign("C-1", "MTR-2", "GB-LON", "Europe/London");
  }

  @Test
  void aWeeklyRuleFiresOnceTheWeeksTotalReachesItsThresholdAndOncePerWeek() {
    Rule weekly =
        engine.create(
            "C-1", "kind", "weekly-usage-above", "thresholdKwh", "50", "meterId", "MTR-1");

    day("MTR-1", MONDAY, 20_000);
    day("MTR-1", MONDAY.plusDays(1), 20_000);
    assertThat(engine.sent()).isEmpty();
    day("MTR-1", MONDAY.plusDays(2), 10_000); // 50 kWh: fires
    day("MTR-1", MONDAY.plusDays(3), 5_000);
    day("MTR-1", MONDAY.plusDays(2), 12_000); // a later total of Wednesday
    assertThat(engine.sent()).hasSize(1);
    NotificationRequested n = engine.sent().get(0);
    assertThat(n.templateKey()).isEqualTo("usage.weekly-threshold-crossed");
    assertThat(n.category()).isEqualTo(NotificationCategory.USAGE);
    assertThat(n.data())
        .containsEntry("weekStart", "2026-07-13")
        .containsEntry("thresholdKwh", "50")
        .containsEntry("usageKwh", "50")
        .containsEntry("meterId", "MTR-1");
    assertThat(n.idempotencyKey()).isEqualTo("rule:" + weekly.id() + ":week:" + start(MONDAY));

    day("MTR-1", MONDAY.plusWeeks(1), 60_000); // next week: fires again
    assertThat(engine.sent()).hasSize(2);
  }

  @Test
  void aWeeklyRuleOnAllMetersAddsThemUp() {
    engine.create("C-1", "kind", "weekly-usage-above", "thresholdKwh", "30");
    day("MTR-1", MONDAY, 20_000);
    day("MTR-2", MONDAY, 10_000);
    assertThat(engine.sent()).hasSize(1);
    assertThat(engine.sent().get(0).data())
        .containsEntry("usageKwh", "30")
        .doesNotContainKey("meterId");
  }

  @Test
  void aBillingPeriodRuleUsesBillingsPeriodAndFiresOncePerPeriod() {
    engine.billing.onBillProjected(
        new BillProjected(
            "C-1",
            LocalDate.of(2026, 7, 10),
            LocalDate.of(2026, 8, 9),
            "10",
            "1",
            "GBP",
            Instant.parse("2026-07-10T06:00:00Z")));
    engine.create("C-1", "kind", "billing-period-usage-above", "thresholdKwh", "25");

    day("MTR-1", LocalDate.of(2026, 7, 9), 50_000); // the previous period
    assertThat(engine.sent()).hasSize(1); // ... which had its own threshold crossing
    assertThat(engine.sent().get(0).data()).containsEntry("periodStart", "2026-06-10");
    engine.clearSent();

    day("MTR-1", LocalDate.of(2026, 7, 10), 15_000);
    day("MTR-2", LocalDate.of(2026, 7, 11), 10_000);
    day("MTR-1", LocalDate.of(2026, 7, 12), 1_000);
    assertThat(engine.sent()).hasSize(1);
    assertThat(engine.sent().get(0).templateKey())
        .isEqualTo("usage.billing-period-threshold-crossed");
    assertThat(engine.sent().get(0).data())
        .containsEntry("periodStart", "2026-07-10")
        .containsEntry("periodEnd", "2026-08-09")
        .containsEntry("usageKwh", "25");
  }

  @Test
  void aBillingPeriodRuleAddsUpMoreThanAWeekOfDays() {
    engine.create("C-1", "kind", "billing-period-usage-above", "thresholdKwh", "100");
    engine.create(
        "C-1", "kind", "billing-period-usage-above", "thresholdKwh", "100", "meterId", "MTR-1");
    for (int i = 0; i < 9; i++) {
      day("MTR-1", LocalDate.of(2026, 7, 1 + i), 10_000);
    }
    assertThat(engine.sent()).isEmpty();
    day("MTR-1", LocalDate.of(2026, 7, 10), 10_000); // the tenth day of July: 100 kWh
    assertThat(engine.sent())
        .extracting(n -> n.data().get("usageKwh") + " " + n.data().get("periodStart"))
        .containsExactly("100 2026-07-01", "100 2026-07-01");
  }

  @Test
  void aDayWellAboveTheCustomersOwnBaselineFiresOncePerDay() {
    engine.create("C-1", "kind", "usage-above-baseline", "percent", "50", "meterId", "MTR-1");
    for (int i = 0; i < 7; i++) {
      day("MTR-1", MONDAY.plusDays(i), 10_000);
    }
    LocalDate next = MONDAY.plusDays(7);
    day("MTR-1", next, 14_999);
    assertThat(engine.sent()).isEmpty();
    day("MTR-1", next, 15_000);
    day("MTR-1", next, 18_000);
    assertThat(engine.sent()).hasSize(1);
    assertThat(engine.sent().get(0).templateKey()).isEqualTo("usage.above-baseline");
    assertThat(engine.sent().get(0).data())
        .containsEntry("day", "2026-07-20")
        .containsEntry("usageKwh", "15")
        .containsEntry("baselineKwh", "10")
        .containsEntry("percent", "50");
  }

  @Test
  void withoutThreeDaysOfHistoryThereIsNoBaseline() {
    engine.create("C-1", "kind", "usage-above-baseline", "percent", "10");
    day("MTR-1", MONDAY, 1_000);
    day("MTR-1", MONDAY.plusDays(1), 1_000);
    day("MTR-1", MONDAY.plusDays(2), 90_000);
    assertThat(engine.sent()).isEmpty();
  }

  @Test
  void aDailyRulesCooldownHoldsBackTheNextDay() {
    engine.create("C-1", "kind", "daily-usage-above", "thresholdKwh", "5", "cooldown", "PT48H");
    day("MTR-1", MONDAY, 6_000);
    day("MTR-1", MONDAY.plusDays(1), 6_000); // 24 h later: held back
    day("MTR-1", MONDAY.plusDays(1), 7_000); // and the day counts as handled
    day("MTR-1", MONDAY.plusDays(2), 6_000); // 48 h later
    assertThat(engine.sent())
        .extracting(n -> n.data().get("day"))
        .containsExactly("2026-07-13", "2026-07-15");
  }

  private void day(String meter, LocalDate date, long wh) {
    Instant start = start(date);
    Instant end = start(date.plusDays(1));
    engine.usage.onUsageWindowUpdated(
        new UsageWindowUpdated(meter, "P1D", start, end, wh, 10, start.plusSeconds(20 * 3600)));
  }

  private static Instant start(LocalDate date) {
    return date.atStartOfDay(LONDON).toInstant();
  }
}
