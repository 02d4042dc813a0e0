package io.kilowatch.rules.domain;

import static io.kilowatch.rules.domain.RuleTestData.dailyRule;
import static io.kilowatch.rules.domain.RuleTestData.londonOwnerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DailyUsageAlertsTest {
  // London summer time: the local day 15 July 2026 starts at 23:00 UTC on the 14th
  static final Instant DAY_1 = Instant.parse("2026-07-14T23:00:00Z");
  static final Instant DAY_2 = DAY_1.plus(1, ChronoUnit.DAYS);
  static final Instant NOW = Instant.parse("2026-07-15T18:00:00Z");

  final InMemoryFiringLedger ledger = new InMemoryFiringLedger();
  final DailyUsageAlerts alerts =
      new DailyUsageAlerts(ledger, Clock.fixed(NOW, ZoneOffset.UTC), UUID::randomUUID);
  final MeterOwner owner = londonOwnerOf("MTR-1");

  @Test
  void belowTheThresholdNothingFires() {
    assertThat(alerts.onUsage(daily(DAY_1, 9_999), owner, List.of(dailyRule().build()))).isEmpty();
    assertThat(ledger.recorded()).isEmpty();
  }

  @Test
  void exactlyAtTheThresholdFires() {
    Rule rule = dailyRule().withThresholdWh(10_000).build();
    assertThat(alerts.onUsage(daily(DAY_1, 10_000), owner, List.of(rule))).hasSize(1);
  }

  @Test
  void aboveTheThresholdFiresWithWhatTheNotificationNeeds() {
    Rule rule = dailyRule().build();
    var usage = daily(DAY_1, 10_250);

    List<ThresholdCrossed> crossed = alerts.onUsage(usage, owner, List.of(rule));

    assertThat(crossed).hasSize(1);
    ThresholdCrossed c = crossed.get(0);
    assertThat(c.ruleId()).isEqualTo(rule.id());
    assertThat(c.customerId()).isEqualTo("C-1");
    assertThat(c.meterId()).isEqualTo("MTR-1");
    assertThat(c.thresholdWh()).isEqualTo(10_000);
    assertThat(c.usageWh()).isEqualTo(10_250);
    assertThat(c.windowStart()).isEqualTo(DAY_1);
    assertThat(c.day()).isEqualTo(LocalDate.of(2026, 7, 15));
    assertThat(c.asOf()).isEqualTo(usage.asOf());
    assertThat(c.idempotencyKey()).isEqualTo("rule:" + rule.id() + ":2026-07-14T23:00:00Z");
    assertThat(ledger.recorded())
        .containsExactly(new RuleFiring(rule.id(), DAY_1, NOW, c.notificationId()));
  }

  @Test
  void anInactiveRuleNeverFires() {
    assertThat(alerts.onUsage(daily(DAY_1, 50_000), owner, List.of(dailyRule().inactive().build())))
        .isEmpty();
  }

  @Test
  void aRuleForAnotherMeterDoesNotFire() {
    Rule otherMeter = dailyRule().forMeter("MTR-2").build();
    assertThat(alerts.onUsage(daily(DAY_1, 50_000), owner, List.of(otherMeter))).isEmpty();
  }

  @Test
  void aRuleForThisMeterAndARuleForAllMetersBothFire() {
    Rule thisMeter = dailyRule().forMeter("MTR-1").build();
    Rule allMeters = dailyRule().build();
    assertThat(alerts.onUsage(daily(DAY_1, 12_000), owner, List.of(thisMeter, allMeters)))
        .extracting(ThresholdCrossed::ruleId)
        .containsExactly(thisMeter.id(), allMeters.id());
  }

  @Test
  void onlyRulesWhoseThresholdIsReachedFire() {
    Rule low = dailyRule().withThresholdWh(5_000).build();
    Rule high = dailyRule().withThresholdWh(20_000).build();
    assertThat(alerts.onUsage(daily(DAY_1, 12_000), owner, List.of(low, high)))
        .extracting(ThresholdCrossed::ruleId)
        .containsExactly(low.id());
  }

  @Test
  void aSecondUpdateTheSameDayDoesNotFireAgain() {
    Rule rule = dailyRule().build();
    assertThat(alerts.onUsage(daily(DAY_1, 10_250), owner, List.of(rule))).hasSize(1);

    assertThat(alerts.onUsage(daily(DAY_1, 11_000), owner, List.of(rule))).isEmpty();
    assertThat(alerts.onUsage(daily(DAY_1, 10_250), owner, List.of(rule))).isEmpty();
    assertThat(ledger.recorded()).hasSize(1);
  }

  @Test
  void theNextDayFiresAgain() {
    Rule rule = dailyRule().build();
    alerts.onUsage(daily(DAY_1, 10_250), owner, List.of(rule));

    List<ThresholdCrossed> nextDay = alerts.onUsage(daily(DAY_2, 10_001), owner, List.of(rule));

    assertThat(nextDay).hasSize(1);
    assertThat(nextDay.get(0).day()).isEqualTo(LocalDate.of(2026, 7, 16));
    assertThat(ledger.recorded()).hasSize(2);
  }

  @Test
  void windowsOtherThanDailyAreIgnored() {
    var hourly =
        new UsageWindow("MTR-1", "PT1H", DAY_1, DAY_1.plus(1, ChronoUnit.HOURS), 50_000, NOW);
    assertThat(alerts.onUsage(hourly, owner, List.of(dailyRule().build()))).isEmpty();
  }

  @Test
  void rulesOfAnotherCustomerAreIgnored() {
    Rule foreign = dailyRule().ofCustomer("C-2").build();
    assertThat(alerts.onUsage(daily(DAY_1, 50_000), owner, List.of(foreign))).isEmpty();
  }

  @Test
  void aDayThatEndedBeforeTheOwnerTookTheMeterOverBelongsToThePreviousOwner() {
    var movedIn =
        new MeterOwner("MTR-1", "C-1", "GB-LON", owner.timeZone(), DAY_2.plusSeconds(3600));
    assertThat(alerts.onUsage(daily(DAY_1, 50_000), movedIn, List.of(dailyRule().build())))
        .isEmpty();
    assertThat(alerts.onUsage(daily(DAY_2, 50_000), movedIn, List.of(dailyRule().build())))
        .hasSize(1);
  }

  @Test
  void theOwnerMustBeTheWindowsMeters() {
    assertThatThrownBy(() -> alerts.onUsage(daily(DAY_1, 1), londonOwnerOf("MTR-9"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static UsageWindow daily(Instant start, long energyWh) {
    return new UsageWindow(
        "MTR-1", "P1D", start, start.plus(1, ChronoUnit.DAYS), energyWh, start.plusSeconds(3600));
  }
}
