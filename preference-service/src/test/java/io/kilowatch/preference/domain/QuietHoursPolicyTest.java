package io.kilowatch.preference.domain;

import static io.kilowatch.preference.domain.PreferencesTestData.LONDON;
import static io.kilowatch.preference.domain.PreferencesTestData.nights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowatch.preference.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Quiet hours in the customer's own zone. London's clocks go forward on 29 March 2026 at 01:00 UTC
 * (01:00 GMT becomes 02:00 BST) and back on 25 October 2026 at 01:00 UTC (02:00 BST becomes 01:00
 * GMT).
 */
class QuietHoursPolicyTest {
  final QuietHoursPolicy londonNights = new QuietHoursPolicy(nights(), LONDON);

  static QuietHours hours(String start, String end) {
    return new QuietHours(LocalTime.parse(start), LocalTime.parse(end));
  }

  @Test
  void withoutQuietHoursNothingIsQuiet() {
    var none = new QuietHoursPolicy(null, LONDON);
    assertThat(none.deferUntil(Instant.parse("2026-07-15T01:00:00Z"))).isEmpty();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    // summer (BST, UTC+1): 21:00–08:00 local is 20:00Z–07:00Z
    "2026-07-14T19:59:59Z, ",
    "2026-07-14T20:00:00Z, 2026-07-15T07:00:00Z",
    "2026-07-14T23:00:00Z, 2026-07-15T07:00:00Z", // midnight local: the window wraps
    "2026-07-15T06:59:59Z, 2026-07-15T07:00:00Z",
    "2026-07-15T07:00:00Z, ",
    "2026-07-15T12:00:00Z, ",
    // winter (GMT)
    "2026-01-14T20:59:00Z, ",
    "2026-01-14T21:00:00Z, 2026-01-15T08:00:00Z",
    "2026-01-15T07:59:00Z, 2026-01-15T08:00:00Z",
    "2026-01-15T08:00:00Z, "
  })
  void aWindowThatWrapsMidnightEndsTheNextMorning(Instant now, Instant expected) {
    assertThat(londonNights.deferUntil(now).orElse(null)).isEqualTo(expected);
  }

  @Nested
  class ClocksGoForward {
    // the night of 28 to 29 March 2026: 21:00 GMT to 08:00 BST is 10 hours, not 11

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
      "2026-03-28T20:59:00Z, ",
      "2026-03-28T21:00:00Z, 2026-03-29T07:00:00Z",
      "2026-03-29T00:59:59Z, 2026-03-29T07:00:00Z", // 00:59:59 GMT, just before the jump
      "2026-03-29T01:00:00Z, 2026-03-29T07:00:00Z", // 02:00 BST, just after
      "2026-03-29T06:59:59Z, 2026-03-29T07:00:00Z", // 07:59:59 BST
      "2026-03-29T07:00:00Z, ", // 08:00 BST; a fixed UTC offset would wrongly wait until 08:00Z
      "2026-03-29T07:30:00Z, ",
      "2026-03-29T19:59:00Z, ", // 20:59 BST
      "2026-03-29T20:00:00Z, 2026-03-30T07:00:00Z" // 21:00 BST: the first summer night
    })
    void theNightIsAnHourShorter(Instant now, Instant expected) {
      assertThat(londonNights.deferUntil(now).orElse(null)).isEqualTo(expected);
    }

    @Test
    void anEndInTheSkippedHourEndsWhenTheClocksJump() {
      // 01:30 does not exist on 29 March; the clock first shows a later time at 02:00 BST
      var policy = new QuietHoursPolicy(hours("22:00", "01:30"), LONDON);
      assertThat(policy.deferUntil(Instant.parse("2026-03-29T00:45:00Z")))
          .contains(Instant.parse("2026-03-29T01:00:00Z"));
      assertThat(policy.deferUntil(Instant.parse("2026-03-29T01:00:00Z"))).isEmpty();
    }

    @Test
    void aStartInTheSkippedHourStartsWhenTheClocksJump() {
      var policy = new QuietHoursPolicy(hours("01:30", "06:00"), LONDON);
      assertThat(policy.deferUntil(Instant.parse("2026-03-29T00:59:59Z"))).isEmpty();
      assertThat(policy.deferUntil(Instant.parse("2026-03-29T01:00:00Z")))
          .contains(Instant.parse("2026-03-29T05:00:00Z"));
    }

    @Test
    void aWindowEntirelyInTheSkippedHourDoesNotHappenThatNight() {
      var policy = new QuietHoursPolicy(hours("01:10", "01:50"), LONDON);
      for (Instant t = Instant.parse("2026-03-29T00:00:00Z");
          t.isBefore(Instant.parse("2026-03-29T03:00:00Z"));
          t = t.plusSeconds(60)) {
        assertThat(policy.isQuiet(t)).as(t.toString()).isFalse();
      }
      assertThat(policy.isQuiet(Instant.parse("2026-03-30T00:20:00Z"))).isTrue(); // 01:20 BST
    }
  }

  @Nested
  class ClocksGoBack {
    // the night of 24 to 25 October 2026: 21:00 BST to 08:00 GMT is 12 hours, not 11

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
      "2026-10-24T19:59:00Z, ",
      "2026-10-24T20:00:00Z, 2026-10-25T08:00:00Z", // 21:00 BST
      "2026-10-25T00:30:00Z, 2026-10-25T08:00:00Z", // 01:30 BST, the first time
      "2026-10-25T01:30:00Z, 2026-10-25T08:00:00Z", // 01:30 GMT, the second time
      "2026-10-25T07:30:00Z, 2026-10-25T08:00:00Z", // 07:30 GMT; a BST offset would say 07:00Z
      "2026-10-25T08:00:00Z, ",
      "2026-10-25T20:59:00Z, ",
      "2026-10-25T21:00:00Z, 2026-10-26T08:00:00Z" // 21:00 GMT: the first winter night
    })
    void theNightIsAnHourLonger(Instant now, Instant expected) {
      assertThat(londonNights.deferUntil(now).orElse(null)).isEqualTo(expected);
    }

    @Test
    void anEndInTheRepeatedHourEndsTheFirstTimeTheClockShowsIt() {
      var policy = new QuietHoursPolicy(hours("22:00", "01:30"), LONDON);
      assertThat(policy.deferUntil(Instant.parse("2026-10-25T00:29:00Z")))
          .contains(Instant.parse("2026-10-25T00:30:00Z")); // 01:30 BST
      assertThat(policy.isQuiet(Instant.parse("2026-10-25T00:30:00Z"))).isFalse();
      // 01:10 GMT shows a time inside 22:00–01:30 again, but tonight's window has closed
      assertThat(policy.isQuiet(Instant.parse("2026-10-25T01:10:00Z"))).isFalse();
    }

    @Test
    void aStartInTheRepeatedHourStartsTheFirstTimeAndCoversTheRepeat() {
      var policy = new QuietHoursPolicy(hours("01:30", "06:00"), LONDON);
      assertThat(policy.isQuiet(Instant.parse("2026-10-25T00:29:00Z"))).isFalse();
      assertThat(policy.deferUntil(Instant.parse("2026-10-25T00:30:00Z")))
          .contains(Instant.parse("2026-10-25T06:00:00Z"));
      assertThat(policy.deferUntil(Instant.parse("2026-10-25T01:15:00Z"))) // 01:15 GMT
          .contains(Instant.parse("2026-10-25T06:00:00Z"));
    }
  }

  @Test
  void everyMinuteAroundBothChangesIsQuietExactlyWhenTheLocalClockIsInTheWindow() {
    for (String from : new String[] {"2026-03-27T00:00:00Z", "2026-10-23T00:00:00Z"}) {
      MutableClock clock = new MutableClock(Instant.parse(from));
      Instant until = clock.instant().plus(Duration.ofDays(4));
      while (clock.instant().isBefore(until)) {
        Instant now = clock.instant();
        LocalTime local = now.atZone(LONDON).toLocalTime();
        boolean inWindow =
            !local.isBefore(LocalTime.of(21, 0)) || local.isBefore(LocalTime.of(8, 0));
        var deferUntil = londonNights.deferUntil(now);
        assertThat(deferUntil.isPresent()).as(now + " (" + local + ")").isEqualTo(inWindow);
        deferUntil.ifPresent(
            end -> {
              assertThat(end).isAfter(now);
              assertThat(end.atZone(LONDON).toLocalTime()).isEqualTo(LocalTime.of(8, 0));
              assertThat(londonNights.isQuiet(end)).isFalse();
              assertThat(Duration.between(now, end)).isLessThanOrEqualTo(Duration.ofHours(12));
            });
        clock.advance(Duration.ofMinutes(1));
      }
    }
  }

  @Test
  void aWindowWithinOneDay() {
    var afternoon = new QuietHoursPolicy(hours("13:00", "15:00"), LONDON);
    assertThat(afternoon.deferUntil(Instant.parse("2026-07-15T11:59:00Z"))).isEmpty();
    assertThat(afternoon.deferUntil(Instant.parse("2026-07-15T12:00:00Z")))
        .contains(Instant.parse("2026-07-15T14:00:00Z"));
    assertThat(afternoon.deferUntil(Instant.parse("2026-07-15T14:00:00Z"))).isEmpty();
    assertThat(afternoon.deferUntil(Instant.parse("2026-07-15T23:30:00Z"))).isEmpty();
  }

  @Test
  void windowsStartingOrEndingAtMidnight() {
    var afterMidnight = new QuietHoursPolicy(hours("00:00", "07:00"), LONDON);
    assertThat(afterMidnight.deferUntil(Instant.parse("2026-01-15T00:00:00Z")))
        .contains(Instant.parse("2026-01-15T07:00:00Z"));
    assertThat(afterMidnight.isQuiet(Instant.parse("2026-01-14T23:59:00Z"))).isFalse();

    var untilMidnight = new QuietHoursPolicy(hours("22:00", "00:00"), LONDON);
    assertThat(hours("22:00", "00:00").wrapsMidnight()).isTrue();
    assertThat(untilMidnight.deferUntil(Instant.parse("2026-01-14T23:30:00Z")))
        .contains(Instant.parse("2026-01-15T00:00:00Z"));
    assertThat(untilMidnight.isQuiet(Instant.parse("2026-01-15T00:00:00Z"))).isFalse();
  }

  @Test
  void otherZonesUseTheirOwnRules() {
    // New York springs forward on 8 March 2026 (02:00 EST → 03:00 EDT at 07:00Z)
    var newYork = new QuietHoursPolicy(nights(), ZoneId.of("America/New_York"));
    assertThat(newYork.deferUntil(Instant.parse("2026-03-08T10:30:00Z"))) // 06:30 EDT
        .contains(Instant.parse("2026-03-08T12:00:00Z")); // 08:00 EDT
    // Sydney falls back on 5 April 2026 (03:00 AEDT → 02:00 AEST at 16:00Z on the 4th)
    var sydney = new QuietHoursPolicy(nights(), ZoneId.of("Australia/Sydney"));
    assertThat(sydney.deferUntil(Instant.parse("2026-04-04T10:00:00Z"))) // 21:00 AEDT
        .contains(Instant.parse("2026-04-04T22:00:00Z")); // 08:00 AEST
    assertThat(sydney.isQuiet(Instant.parse("2026-04-04T09:59:00Z"))).isFalse();
  }

  @Test
  void quietHoursMustBeAWindow() {
    assertThatThrownBy(() -> hours("21:00", "21:00")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hours("21:00:30", "08:00"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(hours("21:00", "08:00").wrapsMidnight()).isTrue();
    assertThat(hours("13:00", "15:00").wrapsMidnight()).isFalse();
  }
}
