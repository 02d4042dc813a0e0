package io.kilowatch.rules.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BillingPeriodTest {
  final BillingPeriod known =
      new BillingPeriod(LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 27));

  @Test
  void aDayInTheKnownPeriodIsInIt() {
    assertThat(known.periodOf(LocalDate.of(2026, 2, 10))).isEqualTo(known);
  }

  @Test
  void laterDaysFallInTheMonthlyCycleAnchoredOnTheKnownStart() {
    // anchored on the 31st: February has none, so the cycle starts on the 28th
    assertThat(known.periodOf(LocalDate.of(2026, 3, 5)))
        .isEqualTo(new BillingPeriod(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 30)));
    assertThat(known.periodOf(LocalDate.of(2026, 3, 31)))
        .isEqualTo(new BillingPeriod(LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 29)));
  }

  @Test
  void withoutAKnownPeriodTheCalendarMonth() {
    assertThat(BillingPeriod.calendarMonthOf(LocalDate.of(2026, 2, 10)))
        .isEqualTo(new BillingPeriod(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)));
  }
}
