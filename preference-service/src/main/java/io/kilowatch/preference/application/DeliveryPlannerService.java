package io.kilowatch.preference.application;

import io.kilowatch.channel.Channel;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.preference.application.port.out.ContactPointStore;
import io.kilowatch.preference.application.port.out.SendLog;
import io.kilowatch.preference.domain.Category;
import io.kilowatch.preference.domain.CategoryPreference;
import io.kilowatch.preference.domain.DeliveryPlan;
import io.kilowatch.preference.domain.DeliveryPlan.Refusal;
import io.kilowatch.preference.domain.DeliveryPolicy;
import io.kilowatch.preference.domain.FrequencyCap;
import io.kilowatch.preference.domain.Preferences;
import io.kilowatch.preference.domain.SentMessage;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Loads what {@link DeliveryPolicy} needs (preferences, contact points, the week's send log) and
 * lets it decide. Thread-safe.
 */
@Singleton
class DeliveryPlannerService implements DeliveryPlanner {
  private final PreferenceService preferences;
  private final ContactPointStore contactPoints;
  private final SendLog sendLog;
  private final PreferenceSettings settings;

  DeliveryPlannerService(
      PreferenceService preferences,
      ContactPointStore contactPoints,
      SendLog sendLog,
      PreferenceSettings settings) {
    this.preferences = preferences;
    this.contactPoints = contactPoints;
    this.sendLog = sendLog;
    this.settings = settings;
  }

  @Override
  @Transactional(readOnly = true)
  public DeliveryPlan plan(
      String customerId,
      NotificationCategory category,
      NotificationPriority priority,
      Instant now) {
    return plan(customerId, category, priority, now, List.of());
  }

  @Override
  @Transactional(readOnly = true)
  public DeliveryPlan plan(
      String customerId,
      NotificationCategory category,
      NotificationPriority priority,
      Instant now,
      List<Channel> channels) {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(channels, "channels");
    Preferences p = withRequestedChannels(preferences.effective(customerId), category, channels);
    return DeliveryPolicy.plan(
        p,
        categoryOf(category),
        priority == NotificationPriority.CRITICAL,
        contactPoints.all(customerId),
        sendLog.since(customerId, FrequencyCap.weekStart(now, p.timeZone())),
        now);
  }

  @Override
  @Transactional(readOnly = true)
  public DeliveryPlan planVerification(String customerId, UUID contactPointId, Instant now) {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(contactPointId, "contactPointId");
    Preferences p = preferences.effective(customerId);
    return contactPoints
        .findById(customerId, contactPointId)
        .filter(point -> !point.verified())
        .map(
            point ->
                new DeliveryPlan(
                    List.of(DeliveryPlan.Candidate.of(point)),
                    null,
                    null,
                    null,
                    p.locale(),
                    p.timeZone(),
                    false))
        .orElseGet(
            () ->
                new DeliveryPlan(
                    List.of(),
                    null,
                    Refusal.NOT_AWAITING_VERIFICATION,
                    "the contact point is verified or gone",
                    p.locale(),
                    p.timeZone(),
                    false));
  }

  @Override
  @Transactional
  public void recordSent(
      String customerId, NotificationCategory category, Channel channel, Instant sentAt) {
    Objects.requireNonNull(customerId, "customerId");
    sendLog.record(
        customerId,
        new SentMessage(channel, category == null ? null : categoryOf(category), sentAt));
    // keeps the log bounded without a scheduler: only the last week counts
    sendLog.purge(customerId, sentAt.minus(settings.getSendLogRetention()));
  }

  /**
   * The customer's preferences with the category's channel order replaced by the requested one,
   * minus the customer's opt-outs for the category (which stay, so {@code ChannelChoice} refuses
   * {@code opted-out} when nothing is left); caps unchanged.
   */
  static Preferences withRequestedChannels(
      Preferences p, NotificationCategory category, List<Channel> channels) {
    if (channels.isEmpty()) {
      return p;
    }
    Category c = categoryOf(category);
    CategoryPreference own = p.category(c);
    List<Channel> requested =
        channels.stream().distinct().filter(ch -> !own.optedOut().contains(ch)).toList();
    Map<Category, CategoryPreference> categories = new EnumMap<>(p.categories());
    categories.put(c, new CategoryPreference(requested, own.optedOut(), own.caps()));
    return new Preferences(
        p.customerId(),
        p.locale(),
        p.timeZone(),
        p.quietHours(),
        categories,
        p.caps(),
        p.updatedAt());
  }

  /** The notification contract's category; a new one fails to compile here until it is mapped. */
  static Category categoryOf(NotificationCategory category) {
    return switch (category) {
      case USAGE -> Category.USAGE;
      case COST -> Category.COST;
      case PRICE -> Category.PRICE;
      case OUTAGE -> Category.OUTAGE;
      case BILLING -> Category.BILLING;
      case MARKETING -> Category.MARKETING;
      case ACCOUNT ->
          throw new IllegalArgumentException(
              "account messages have no channel preferences: use planVerification");
    };
  }
}
