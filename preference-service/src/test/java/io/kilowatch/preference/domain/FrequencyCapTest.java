package io.kilowatch.preference.domain;

import static io.kilowatch.preference.domain.PreferencesTestData.LONDON;
import static io.kilowatch.preference.domain.PreferencesTestData.sms;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.channel.Channel;
import io.kilowatch.preference.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Caps count the customer's local day (23 or 25 hours at a change) and Monday-to-Sunday week. */
class FrequencyCapTest {
  static final Caps THREE_SMS_A_DAY = new Caps(Map.of(Channel.SMS, 3), null);

  final FrequencyCap threeSmsADay = new FrequencyCap(THREE_SMS_A_DAY, null, LONDON);

  @Test
  void theFourthSmsOfTheDayIsOverTheCapButEmailIsNot() {
    Instant day = Instant.parse("2026-07-15T08:00:00Z");
    List<SentMessage> sent = List.of(sms(day), sms(day.plusSeconds(60)));
    assertThat(threeSmsADay.check(Category.USAGE, sent, day.plusSeconds(120)).allows(Channel.SMS))
        .isTrue();

    var full =
        threeSmsADay.check(
            Category.USAGE,
            List.of(sms(day), sms(day.plusSeconds(60)), sms(day.plusSeconds(120))),
            day.plusSeconds(180));
    assertThat(full.allows(Channel.SMS)).isFalse();
    assertThat(full.fullChannels().get(Channel.SMS)).isEqualTo("3 of at most 3 sms today");
    assertThat(full.allows(Channel.EMAIL)).isTrue();
    assertThat(full.weekFull()).isNull();
  }

  @Test
  void theDayIsTheCustomersLocalDay() {
    // 23:30Z on 14 July is 00:30 BST on the 15th: it counts for the 15th, not the 14th
    List<SentMessage> sent =
        List.of(
            sms(Instant.parse("2026-07-14T23:30:00Z")),
            sms(Instant.parse("2026-07-15T10:00:00Z")),
            sms(Instant.parse("2026-07-15T22:30:00Z"))); // 23:30 BST on the 15th
    assertThat(threeSmsADay.check(Category.USAGE, sent, Instant.parse("2026-07-15T22:45:00Z")))
        .matches(v -> !v.allows(Channel.SMS));
    // 23:00Z on the 15th is midnight in London: a new day
    assertThat(threeSmsADay.check(Category.USAGE, sent, Instant.parse("2026-07-15T23:00:00Z")))
        .matches(v -> v.allows(Channel.SMS));
  }

  @Test
  void theDayTheClocksGoForwardHas23Hours() {
    // 29 March 2026 runs from 00:00Z (00:00 GMT) to 23:00Z (00:00 BST on the 30th)
    MutableClock clock = new MutableClock(Instant.parse("2026-03-29T00:00:00Z"));
    List<SentMessage> sent = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sent.add(sms(clock.instant()));
      clock.advance(Duration.ofMinutes(10));
    }
    clock.set(Instant.parse("2026-03-29T22:59:59Z"));
    assertThat(threeSmsADay.check(Category.USAGE, sent, clock.instant()).allows(Channel.SMS))
        .isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(threeSmsADay.check(Category.USAGE, sent, clock.instant()).allows(Channel.SMS))
        .isTrue();
    assertThat(FrequencyCap.dayStart(clock.instant(), LONDON)).isEqualTo(clock.instant());
  }

  @Test
  void theDayTheClocksGoBackHas25Hours() {
    // 25 October 2026 runs from 24 Oct 23:00Z (00:00 BST) to 26 Oct 00:00Z (00:00 GMT)
    MutableClock clock = new MutableClock(Instant.parse("2026-10-24T23:00:00Z"));
    List<SentMessage> sent = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sent.add(sms(clock.instant()));
      clock.advance(Duration.ofMinutes(10));
    }
    // 24 hours after the day began it is still the 25th (23:00 GMT)
    clock.set(Instant.parse("2026-10-25T23:30:00Z"));
    assertThat(threeSmsADay.check(Category.USAGE, sent, clock.instant()).allows(Channel.SMS))
        .isFalse();
    clock.set(Instant.parse("2026-10-26T00:00:00Z"));
    assertThat(threeSmsADay.check(Category.USAGE, sent, clock.instant()).allows(Channel.SMS))
        .isTrue();
  }

  @Test
  void theWeekRunsFromMondayMidnightLocalAcrossTheChange() {
    // Monday 23 March 00:00 GMT to Monday 30 March 00:00 BST (29 March 23:00Z)
    var tenAWeek = new FrequencyCap(new Caps(Map.of(), 10), null, LONDON);
    List<SentMessage> sent = new ArrayList<>();
    Instant monday = Instant.parse("2026-03-23T00:00:00Z");
    assertThat(FrequencyCap.weekStart(Instant.parse("2026-03-29T22:59:00Z"), LONDON))
        .isEqualTo(monday);
    for (int i = 0; i < 10; i++) {
      Channel channel = i % 2 == 0 ? Channel.SMS : Channel.EMAIL;
      sent.add(new SentMessage(channel, Category.PRICE, monday.plus(Duration.ofHours(12L * i))));
    }
    // a message of the week before does not count
    sent.add(sms(monday.minusSeconds(1)));

    var sunday = tenAWeek.check(Category.USAGE, sent, Instant.parse("2026-03-29T22:59:59Z"));
    assertThat(sunday.weekFull()).isEqualTo("10 of at most 10 messages this week");
    assertThat(sunday.allows(Channel.PUSH)).isFalse();
    var nextMonday = tenAWeek.check(Category.USAGE, sent, Instant.parse("2026-03-29T23:00:00Z"));
    assertThat(nextMonday.weekFull()).isNull();
    assertThat(nextMonday.allows(Channel.SMS)).isTrue();
  }

  @Test
  void aCategorysOwnCapsCountOnlyItsMessagesOnTopOfTheOverallCaps() {
    var marketingTwiceAWeek =
        new FrequencyCap(PreferenceDefaults.CAPS, new Caps(Map.of(Channel.EMAIL, 1), 2), LONDON);
    Instant now = Instant.parse("2026-07-15T12:00:00Z");
    var email = new SentMessage(Channel.EMAIL, Category.MARKETING, now.minusSeconds(3600));
    var usage = new SentMessage(Channel.EMAIL, Category.USAGE, now.minusSeconds(1800));
    var unlabelled = new SentMessage(Channel.EMAIL, null, now.minusSeconds(900));

    var verdict =
        marketingTwiceAWeek.check(Category.MARKETING, List.of(email, usage, unlabelled), now);
    assertThat(verdict.weekFull()).isNull();
    assertThat(verdict.fullChannels())
        .containsOnly(Map.entry(Channel.EMAIL, "1 of at most 1 marketing email today"));
    assertThat(verdict.allows(Channel.SMS)).isTrue();

    var earlier = new SentMessage(Channel.SMS, Category.MARKETING, now.minus(Duration.ofDays(1)));
    assertThat(
            marketingTwiceAWeek
                .check(Category.MARKETING, List.of(earlier, email, usage), now)
                .weekFull())
        .isEqualTo("2 of at most 2 marketing messages this week");
    // the same history does not hold back a usage message
    var forUsage = new FrequencyCap(PreferenceDefaults.CAPS, null, LONDON);
    assertThat(
            forUsage
                .check(Category.USAGE, List.of(earlier, email, usage), now)
                .allows(Channel.EMAIL))
        .isTrue();
  }

  @Test
  void aCapOfZeroClosesTheChannelAndNoCapsCloseNothing() {
    Instant now = Instant.parse("2026-07-15T12:00:00Z");
    var noSms = new FrequencyCap(new Caps(Map.of(Channel.SMS, 0), null), null, LONDON);
    assertThat(noSms.check(Category.USAGE, List.of(), now).allows(Channel.SMS)).isFalse();
    var none = new FrequencyCap(Caps.NONE, Caps.NONE, LONDON);
    List<SentMessage> many = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      many.add(sms(now.minusSeconds(i)));
    }
    assertThat(none.check(Category.USAGE, many, now).allows(Channel.SMS)).isTrue();
  }
}
