package io.kilowatch.metering.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DailyWindowTest {
  static final ZoneId LONDON = ZoneId.of("Europe/London");

  static DailyWindow windowOf(String readingEnd) {
    return DailyWindow.ofReadingEndingAt(Instant.parse(readingEnd), LONDON);
  }

  @Test
  void winterDayIsUtcMidnightToMidnight() {
    var window = windowOf("2026-01-15T12:00:00Z");

    assertThat(window.day()).isEqualTo(LocalDate.parse("2026-01-15"));
    assertThat(window.start()).isEqualTo(Instant.parse("2026-01-15T00:00:00Z"));
    assertThat(window.end()).isEqualTo(Instant.parse("2026-01-16T00:00:00Z"));
    assertThat(window.length()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void summerDayRunsFromBritishSummerTimeMidnight() {
    var window = windowOf("2026-07-01T12:00:00Z");

    assertThat(window.start()).isEqualTo(Instant.parse("2026-06-30T23:00:00Z"));
    assertThat(window.end()).isEqualTo(Instant.parse("2026-07-01T23:00:00Z"));
  }

  @Test
  void readingAtLocalMidnightClosesThePreviousDay() {
    // 00:00 BST on 1 July: the reading's interval ended at midnight, so it was measured on 30 June
    var window = windowOf("2026-06-30T23:00:00Z");

    assertThat(window.day()).isEqualTo(LocalDate.parse("2026-06-30"));
    assertThat(window.end()).isEqualTo(Instant.parse("2026-06-30T23:00:00Z"));
  }

  @Test
  void readingJustAfterLocalMidnightOpensTheNewDay() {
    var window = windowOf("2026-06-30T23:00:00.000001Z");

    assertThat(window.day()).isEqualTo(LocalDate.parse("2026-07-01"));
    assertThat(window.start()).isEqualTo(Instant.parse("2026-06-30T23:00:00Z"));
  }

  @Test
  void springForwardDayHas23Hours() {
    // 29 March 2026: 01:00 GMT becomes 02:00 BST
    var window = DailyWindow.of(LocalDate.parse("2026-03-29"), LONDON);

    assertThat(window.start()).isEqualTo(Instant.parse("2026-03-29T00:00:00Z"));
    assertThat(window.end()).isEqualTo(Instant.parse("2026-03-29T23:00:00Z"));
    assertThat(window.length()).isEqualTo(Duration.ofHours(23));
  }

  @Test
  void readingsAroundTheSpringGapFallInThe23HourDay() {
    assertThat(windowOf("2026-03-29T00:30:00Z").day()).isEqualTo(LocalDate.parse("2026-03-29"));
    assertThat(windowOf("2026-03-29T01:00:00Z").day()).isEqualTo(LocalDate.parse("2026-03-29"));
    // 00:00 BST on 30 March closes the short day
    assertThat(windowOf("2026-03-29T23:00:00Z").day()).isEqualTo(LocalDate.parse("2026-03-29"));
    assertThat(windowOf("2026-03-29T23:00:01Z").day()).isEqualTo(LocalDate.parse("2026-03-30"));
    // 00:00 GMT on 29 March closes 28 March
    assertThat(windowOf("2026-03-29T00:00:00Z").day()).isEqualTo(LocalDate.parse("2026-03-28"));
  }

  @Test
  void fallBackDayHas25Hours() {
    // 25 October 2026: 02:00 BST becomes 01:00 GMT
    var window = DailyWindow.of(LocalDate.parse("2026-10-25"), LONDON);

    assertThat(window.start()).isEqualTo(Instant.parse("2026-10-24T23:00:00Z"));
    assertThat(window.end()).isEqualTo(Instant.parse("2026-10-26T00:00:00Z"));
    assertThat(window.length()).isEqualTo(Duration.ofHours(25));
  }

  @Test
  void bothRepeatedHoursOfTheFallBackDayFallInTheSameWindow() {
    var firstOneThirty = windowOf("2026-10-25T00:30:00Z"); // 01:30 BST
    var secondOneThirty = windowOf("2026-10-25T01:30:00Z"); // 01:30 GMT

    assertThat(firstOneThirty).isEqualTo(secondOneThirty);
    assertThat(firstOneThirty.day()).isEqualTo(LocalDate.parse("2026-10-25"));
    assertThat(windowOf("2026-10-26T00:00:00Z").day()).isEqualTo(LocalDate.parse("2026-10-25"));
    assertThat(windowOf("2026-10-24T23:00:00Z").day()).isEqualTo(LocalDate.parse("2026-10-24"));
  }

  @Test
  void consecutiveWindowsTileTheTimelineAcrossBothChanges() {
    var window = DailyWindow.of(LocalDate.parse("2026-03-27"), LONDON);
    for (int i = 0; i < 220; i++) {
      var next = DailyWindow.of(window.day().plusDays(1), LONDON);
      assertThat(next.start()).isEqualTo(window.end());
      assertThat(DailyWindow.ofReadingEndingAt(window.end(), LONDON)).isEqualTo(window);
      window = next;
    }
  }

  @Test
  void zoneWhereTheClocksSkipMidnightStartsTheDayAtTheFirstValidInstant() {
    // Santiago, 6 September 2026: 00:00 local time does not exist, the day starts at 01:00
    var santiago = ZoneId.of("America/Santiago");
    var window = DailyWindow.of(LocalDate.parse("2026-09-06"), santiago);

    assertThat(window.start()).isEqualTo(Instant.parse("2026-09-06T04:00:00Z"));
    assertThat(window.length()).isEqualTo(Duration.ofHours(23));
    assertThat(DailyWindow.ofReadingEndingAt(window.start(), santiago).day())
        .isEqualTo(LocalDate.parse("2026-09-05"));
  }
}
