package io.kilowatch.preference.domain;

import static io.kilowatch.preference.domain.PreferencesTestData.channelsOf;
import static io.kilowatch.preference.domain.PreferencesTestData.londoner;
import static io.kilowatch.preference.domain.PreferencesTestData.nights;
import static io.kilowatch.preference.domain.PreferencesTestData.sms;
import static io.kilowatch.preference.domain.PreferencesTestData.unverified;
import static io.kilowatch.preference.domain.PreferencesTestData.verified;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.channel.Channel;
import io.kilowatch.preference.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The whole decision: channel choice, then quiet hours, then caps, with a controlled clock. */
class DeliveryPolicyTest {
  final ContactPoint phone = verified(Channel.SMS, "+447700900123");
  final ContactPoint email = verified(Channel.EMAIL, "ada@example.com");
  final List<ContactPoint> points = List.of(phone, email);
  final List<SentMessage> sent = new ArrayList<>();
  final MutableClock clock = new MutableClock(Instant.parse("2026-07-15T12:00:00Z"));

  DeliveryPlan plan(Preferences preferences, Category category, boolean critical) {
    return DeliveryPolicy.plan(preferences, category, critical, points, sent, clock.instant());
  }

  /** What delivery does after a provider accepted: record it. */
  void send(DeliveryPlan plan) {
    assertThat(plan.sendNow()).isTrue();
    sent.add(new SentMessage(plan.candidates().get(0).channel(), Category.USAGE, clock.instant()));
  }

  @Test
  void byDefaultUsageGoesBySmsWithEmailAsFallback() {
    DeliveryPlan plan = plan(londoner().build(), Category.USAGE, false);
    assertThat(plan.sendNow()).isTrue();
    assertThat(channelsOf(plan)).containsExactly(Channel.SMS, Channel.EMAIL);
    assertThat(plan.candidates().get(0).contactPointId()).isEqualTo(phone.id());
    assertThat(plan.locale()).isEqualTo(Locale.UK);
    assertThat(plan.critical()).isFalse();
  }

  @Test
  void aNormalMessageInQuietHoursIsDeferredToTheirEndAcrossTheSpringChange() {
    Preferences prefs = londoner().quiet(nights()).build();
    clock.set(Instant.parse("2026-03-28T22:00:00Z")); // 22:00 GMT

    DeliveryPlan plan = plan(prefs, Category.USAGE, false);
    assertThat(plan.isDeferred()).isTrue();
    assertThat(plan.deferUntil()).isEqualTo(Instant.parse("2026-03-29T07:00:00Z")); // 08:00 BST
    assertThat(channelsOf(plan)).containsExactly(Channel.SMS, Channel.EMAIL);

    clock.set(plan.deferUntil());
    assertThat(plan(prefs, Category.USAGE, false).sendNow()).isTrue();
  }

  @Test
  void aNormalMessageInQuietHoursIsDeferredToTheirEndAcrossTheAutumnChange() {
    Preferences prefs = londoner().quiet(nights()).build();
    clock.set(Instant.parse("2026-10-25T06:30:00Z")); // 06:30 GMT, after the change
    DeliveryPlan plan = plan(prefs, Category.BILLING, false);
    assertThat(plan.deferUntil()).isEqualTo(Instant.parse("2026-10-25T08:00:00Z"));
    clock.advance(Duration.ofMinutes(89));
    assertThat(plan(prefs, Category.BILLING, false).isDeferred()).isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(plan(prefs, Category.BILLING, false).sendNow()).isTrue();
  }

  @Test
  void aCriticalOutageBypassesQuietHoursAndCaps() {
    Preferences prefs = londoner().quiet(nights()).caps(Map.of(Channel.SMS, 0), 0).build();
    clock.set(Instant.parse("2026-07-15T01:00:00Z"));
    DeliveryPlan plan = plan(prefs, Category.OUTAGE, true);
    assertThat(plan.sendNow()).isTrue();
    assertThat(plan.critical()).isTrue();
    assertThat(channelsOf(plan)).containsExactly(Channel.SMS, Channel.EMAIL);
    // the same outage without critical priority waits like anything else
    assertThat(plan(prefs, Category.OUTAGE, false).isDeferred()).isTrue();
  }

  @Test
  void aCriticalOutageNeverBypassesAnOptOut() {
    Preferences smsOut =
        londoner()
            .quiet(nights())
            .category(
                Category.OUTAGE,
                CategoryPreference.of(Channel.SMS, Channel.EMAIL).withOptedOut(Set.of(Channel.SMS)))
            .build();
    clock.set(Instant.parse("2026-07-15T01:00:00Z"));
    assertThat(channelsOf(plan(smsOut, Category.OUTAGE, true))).containsExactly(Channel.EMAIL);

    Preferences allOut =
        londoner()
            .category(
                Category.OUTAGE,
                CategoryPreference.of().withOptedOut(Set.of(Channel.SMS, Channel.EMAIL)))
            .build();
    DeliveryPlan refused = plan(allOut, Category.OUTAGE, true);
    assertThat(refused.refusal()).isEqualTo(DeliveryPlan.Refusal.OPTED_OUT);
    assertThat(refused.candidates()).isEmpty();
    assertThat(refused.critical()).isTrue();
  }

  @Test
  void onlyCategoriesThatMayBeCriticalAre() {
    Preferences prefs = londoner().quiet(nights()).build();
    clock.set(Instant.parse("2026-07-15T01:00:00Z"));
    DeliveryPlan marketing = plan(prefs, Category.MARKETING, true);
    assertThat(marketing.critical()).isFalse();
    assertThat(marketing.isDeferred()).isTrue();
  }

  @Test
  void whenSmsReachesItsDailyCapTheFallbackTakesOverUntilTheNextLocalDay() {
    Preferences prefs = londoner().build(); // 3 SMS a day
    clock.set(Instant.parse("2026-03-29T08:00:00Z")); // the 23-hour day
    for (int i = 0; i < 3; i++) {
      DeliveryPlan plan = plan(prefs, Category.USAGE, false);
      assertThat(channelsOf(plan).get(0)).isEqualTo(Channel.SMS);
      send(plan);
      clock.advance(Duration.ofHours(1));
    }
    DeliveryPlan fourth = plan(prefs, Category.USAGE, false);
    assertThat(channelsOf(fourth)).containsExactly(Channel.EMAIL);

    clock.set(Instant.parse("2026-03-29T23:00:00Z")); // midnight BST: 30 March
    assertThat(channelsOf(plan(prefs, Category.USAGE, false)).get(0)).isEqualTo(Channel.SMS);
  }

  @Test
  void overEveryCapIsARefusalNamingTheCaps() {
    Preferences prefs =
        londoner().channels(Category.USAGE, Channel.SMS).caps(Map.of(Channel.SMS, 1), null).build();
    sent.add(sms(clock.instant().minusSeconds(60)));
    DeliveryPlan plan = plan(prefs, Category.USAGE, false);
    assertThat(plan.refusal()).isEqualTo(DeliveryPlan.Refusal.OVER_CAP);
    assertThat(plan.detail()).isEqualTo("1 of at most 1 sms today");
    assertThat(plan.candidates()).isEmpty();
  }

  @Test
  void aFullWeekRefusesEveryChannel() {
    Preferences prefs = londoner().caps(Map.of(), 2).build();
    sent.add(sms(clock.instant().minus(Duration.ofDays(1))));
    sent.add(new SentMessage(Channel.EMAIL, Category.COST, clock.instant().minusSeconds(10)));
    DeliveryPlan plan = plan(prefs, Category.USAGE, false);
    assertThat(plan.refusal()).isEqualTo(DeliveryPlan.Refusal.OVER_CAP);
    assertThat(plan.detail()).isEqualTo("2 of at most 2 messages this week");
  }

  @Test
  void capsAreCheckedWhenTheDeferredMessageIsPlannedAgainInTheNewDay() {
    Preferences prefs = londoner().quiet(nights()).channels(Category.USAGE, Channel.SMS).build();
    clock.set(Instant.parse("2026-07-15T19:00:00Z")); // 20:00 BST
    for (int i = 0; i < 3; i++) {
      send(plan(prefs, Category.USAGE, false));
    }
    assertThat(plan(prefs, Category.USAGE, false).refusal())
        .isEqualTo(DeliveryPlan.Refusal.OVER_CAP);

    clock.set(Instant.parse("2026-07-15T21:00:00Z")); // 22:00 BST: quiet, caps not asked yet
    DeliveryPlan night = plan(prefs, Category.USAGE, false);
    assertThat(night.deferUntil()).isEqualTo(Instant.parse("2026-07-16T07:00:00Z"));
    clock.set(night.deferUntil());
    assertThat(plan(prefs, Category.USAGE, false).sendNow()).isTrue();
  }

  @Test
  void withoutVerifiedPointsOnChosenChannelsTheMessageIsRefused() {
    Preferences prefs = londoner().channels(Category.USAGE, Channel.PUSH, Channel.WEBHOOK).build();
    DeliveryPlan plan =
        DeliveryPolicy.plan(
            prefs,
            Category.USAGE,
            false,
            List.of(phone, unverified(Channel.PUSH, "tok")),
            sent,
            clock.instant());
    assertThat(plan.refusal()).isEqualTo(DeliveryPlan.Refusal.NO_VERIFIED_CONTACT_POINT);
    assertThat(plan.detail()).isEqualTo("no verified contact point on push, webhook");
  }

  @Test
  void refusalsThatNoTimeCanFixAreNotDeferred() {
    Preferences prefs =
        londoner()
            .quiet(nights())
            .category(Category.USAGE, CategoryPreference.of().withOptedOut(Set.of(Channel.SMS)))
            .build();
    clock.set(Instant.parse("2026-07-15T01:00:00Z"));
    DeliveryPlan plan = plan(prefs, Category.USAGE, false);
    assertThat(plan.isDeferred()).isFalse();
    assertThat(plan.refusal()).isEqualTo(DeliveryPlan.Refusal.OPTED_OUT);
    assertThat(plan.refusal().wireName()).isEqualTo("opted-out");
  }
}
