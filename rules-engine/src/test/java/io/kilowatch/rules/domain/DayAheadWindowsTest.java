package io.kilowatch.rules.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DayAheadWindowsTest {
  static final Instant MIDNIGHT = Instant.parse("2026-11-23T00:00:00Z");

  /** Half-hour intervals from midnight with these prices. */
  static List<DayAheadWindows.Interval> halfHours(String... prices) {
    List<DayAheadWindows.Interval> intervals = new ArrayList<>();
    for (int i = 0; i < prices.length; i++) {
      Instant start = MIDNIGHT.plus(Duration.ofMinutes(30L * i));
      intervals.add(
          new DayAheadWindows.Interval(
              start, start.plus(Duration.ofMinutes(30)), new BigDecimal(prices[i])));
    }
    return intervals;
  }

  @Test
  void theCheapestAndDearestHourByAveragePrice() {
    var w = DayAheadWindows.of(halfHours("20", "10", "12", "30", "40", "5"), Duration.ofHours(1));

    assertThat(w.cheapest().start()).isEqualTo(MIDNIGHT.plus(Duration.ofMinutes(30)));
    assertThat(w.cheapest().end()).isEqualTo(MIDNIGHT.plus(Duration.ofMinutes(90)));
    assertThat(w.cheapest().averagePrice()).isEqualByComparingTo("11");
    assertThat(w.dearest().start()).isEqualTo(MIDNIGHT.plus(Duration.ofMinutes(90)));
    assertThat(w.dearest().averagePrice()).isEqualByComparingTo("35");
  }

  @Test
  void negativePricesAreTheCheapest() {
    var w = DayAheadWindows.of(halfHours("3.10", "-1.05", "-2.00", "4.00"), Duration.ofHours(1));
    assertThat(w.cheapest().averagePrice()).isEqualTo(new BigDecimal("-1.52")); // -1.525, half even
  }

  @Test
  void averagesRoundHalfEvenToTheInputScale() {
    var w = DayAheadWindows.of(halfHours("12.34", "12.35", "20.00"), Duration.ofHours(1));
    assertThat(w.cheapest().averagePrice()).isEqualTo(new BigDecimal("12.34")); // 12.345 → 12.34
  }

  @Test
  void tiesGoToTheEarlierWindow() {
    var w = DayAheadWindows.of(halfHours("10", "10", "10", "10"), Duration.ofHours(1));
    assertThat(w.cheapest().start()).isEqualTo(MIDNIGHT);
    assertThat(w.dearest().start()).isEqualTo(MIDNIGHT);
  }

  @Test
  void windowsDoNotSpanAGap() {
    List<DayAheadWindows.Interval> gappy = new ArrayList<>(halfHours("1", "99", "50", "50"));
    gappy.remove(1); // 00:30-01:00 missing: the cheap 00:00 slot makes no hour with 01:00
    var w = DayAheadWindows.of(gappy, Duration.ofHours(1));
    assertThat(w.cheapest().start()).isEqualTo(MIDNIGHT.plus(Duration.ofHours(1)));
  }

  @Test
  void tooFewIntervalsForTheLengthCompareSingleIntervals() {
    var w = DayAheadWindows.of(halfHours("7", "9"), Duration.ofHours(3));
    assertThat(w.cheapest().averagePrice()).isEqualByComparingTo("7");
    assertThat(w.dearest().averagePrice()).isEqualByComparingTo("9");
  }
}
