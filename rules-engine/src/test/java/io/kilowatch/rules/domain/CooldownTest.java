package io.kilowatch.rules.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CooldownTest {
  static final ZoneId LONDON = ZoneId.of("Europe/London");
  static final CustomerCalendar LONDONER = new CustomerCalendar(LONDON, null);
  static final Instant T = Instant.parse("2026-07-15T10:00:00Z");

  @Test
  void oncePerWindowAlwaysAllows() {
    assertThat(Cooldown.ONCE_PER_WINDOW.allows(T, T, LONDONER)).isTrue();
    assertThat(Cooldown.ONCE_PER_WINDOW.allows(null, T, LONDONER)).isTrue();
  }

  @Test
  void aDurationNeedsThatGapSinceTheLastNotification() {
    Cooldown sixHours = Cooldown.parse("PT6H");
    assertThat(sixHours.allows(null, T, LONDONER)).isTrue();
    assertThat(sixHours.allows(T, T.plus(Duration.ofHours(6)).minusSeconds(1), LONDONER)).isFalse();
    assertThat(sixHours.allows(T, T.plus(Duration.ofHours(6)), LONDONER)).isTrue();
    assertThat(sixHours.allows(T, T.minusSeconds(60), LONDONER)).as("a late cause").isFalse();
  }

  @Test
  void oncePerDayCountsDaysInTheCustomersZone() {
    // 22:30 UTC on 15 July is 23:30 in London; 23:30 UTC is already 16 July there
    Instant lateEvening = Instant.parse("2026-07-15T22:30:00Z");
    Instant afterLocalMidnight = Instant.parse("2026-07-15T23:05:00Z");
    assertThat(Cooldown.ONCE_PER_DAY.allows(T, lateEvening, LONDONER)).isFalse();
    assertThat(Cooldown.ONCE_PER_DAY.allows(T, afterLocalMidnight, LONDONER)).isTrue();
    assertThat(Cooldown.ONCE_PER_DAY.allows(T, afterLocalMidnight, CustomerCalendar.UTC)).isFalse();
  }

  @Test
  void oncePerBillingPeriodUsesTheKnownPeriodOrTheCalendarMonth() {
    var billed =
        new CustomerCalendar(
            LONDON, new BillingPeriod(LocalDate.of(2026, 7, 10), LocalDate.of(2026, 8, 9)));
    Instant july5 = Instant.parse("2026-07-05T12:00:00Z");
    Instant july20 = Instant.parse("2026-07-20T12:00:00Z");
    Instant aug8 = Instant.parse("2026-08-08T12:00:00Z");
    Instant aug12 = Instant.parse("2026-08-12T12:00:00Z");

    assertThat(Cooldown.ONCE_PER_BILLING_PERIOD.allows(july5, july20, billed)).isTrue();
    assertThat(Cooldown.ONCE_PER_BILLING_PERIOD.allows(july20, aug8, billed)).isFalse();
    assertThat(Cooldown.ONCE_PER_BILLING_PERIOD.allows(aug8, aug12, billed))
        .as("the next cycle, before billing has published it")
        .isTrue();
    assertThat(Cooldown.ONCE_PER_BILLING_PERIOD.allows(july5, july20, LONDONER)).isFalse();
    assertThat(Cooldown.ONCE_PER_BILLING_PERIOD.allows(july20, aug8, LONDONER)).isTrue();
  }

  @Test
  void wireNamesRoundTrip() {
    for (String wire :
        new String[] {
          "once-per-window", "once-per-day", "once-per-billing-period", "PT6H", "P1D"
        }) {
      assertThat(Cooldown.parse(wire).wireName()).isEqualTo(wireOf(wire));
    }
  }

  private static String wireOf(String wire) {
    return wire.equals("P1D") ? "PT24H" : wire;
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "sometimes", "PT0S", "PT30S", "P100D", "-PT1H", "once-per-week"})
  void otherCooldownsAreRefused(String text) {
    assertThatThrownBy(() -> Cooldown.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
