package io.kilowatch.preference.domain;

import io.kilowatch.channel.Channel;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Builders for preferences and contact points in the situations the tests name. */
final class PreferencesTestData {
  static final ZoneId LONDON = ZoneId.of("Europe/London");
  static final Instant ADDED = Instant.parse("2026-01-05T09:00:00Z");

  private PreferencesTestData() {}

  /** A Londoner with the defaults: no quiet hours, standard channels and caps. */
  static PreferencesBuilder londoner() {
    return new PreferencesBuilder();
  }

  /** Quiet hours 21:00–08:00 local. */
  static QuietHours nights() {
    return new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));
  }

  static ContactPoint verified(Channel channel, String address) {
    return verified(channel, address, ADDED);
  }

  static ContactPoint verified(Channel channel, String address, Instant addedAt) {
    return new ContactPoint(
        UUID.randomUUID(),
        "C-1",
        channel,
        address,
        true,
        addedAt,
        channel == Channel.PUSH ? PushPlatform.ANDROID : null,
        addedAt);
  }

  static ContactPoint unverified(Channel channel, String address) {
    return new ContactPoint(
        UUID.randomUUID(),
        "C-1",
        channel,
        address,
        false,
        ADDED,
        channel == Channel.PUSH ? PushPlatform.IOS : null,
        null);
  }

  static SentMessage sms(Instant at) {
    return new SentMessage(Channel.SMS, Category.USAGE, at);
  }

  static final class PreferencesBuilder {
    private ZoneId zone = LONDON;
    private QuietHours quietHours;
    private final Map<Category, CategoryPreference> categories =
        new EnumMap<>(PreferenceDefaults.categories());
    private Caps caps = PreferenceDefaults.CAPS;

    PreferencesBuilder in(ZoneId value) {
      this.zone = value;
      return this;
    }

    PreferencesBuilder quiet(QuietHours value) {
      this.quietHours = value;
      return this;
    }

    PreferencesBuilder category(Category category, CategoryPreference preference) {
      categories.put(category, preference);
      return this;
    }

    PreferencesBuilder channels(Category category, Channel... channels) {
      return category(category, CategoryPreference.of(channels));
    }

    PreferencesBuilder caps(Map<Channel, Integer> perDay, Integer perWeek) {
      this.caps = new Caps(perDay, perWeek);
      return this;
    }

    Preferences build() {
      return new Preferences("C-1", Locale.UK, zone, quietHours, categories, caps, null);
    }
  }

  static List<Channel> channelsOf(DeliveryPlan plan) {
    return plan.candidates().stream().map(DeliveryPlan.Candidate::channel).toList();
  }
}
