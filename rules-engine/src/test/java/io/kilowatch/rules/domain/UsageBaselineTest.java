package io.kilowatch.rules.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsageBaselineTest {
  @Test
  void aDayFiftyPercentAboveAnAverageOfTenKwhIsFifteenKwh() {
    UsageBaseline week = new UsageBaseline(70_000, 7);
    assertThat(week.averageWh()).isEqualTo(10_000);
    assertThat(week.isExceededBy(15_000, 50)).isTrue();
    assertThat(week.isExceededBy(14_999, 50)).isFalse();
  }

  @Test
  void comparesExactlyWithoutRoundingTheAverage() {
    UsageBaseline three = new UsageBaseline(10_000, 3); // 3333.33.. Wh a day
    assertThat(three.isExceededBy(5_000, 50)).isTrue(); // 5000 * 300 >= 10000 * 150
    assertThat(three.isExceededBy(4_999, 50)).isFalse();
  }

  @Test
  void fewerThanThreeDaysOrNothingUsedIsNoBaseline() {
    assertThat(new UsageBaseline(20_000, 2).isExceededBy(1_000_000, 10)).isFalse();
    assertThat(new UsageBaseline(0, 7).isExceededBy(1, 10)).isFalse();
  }
}
