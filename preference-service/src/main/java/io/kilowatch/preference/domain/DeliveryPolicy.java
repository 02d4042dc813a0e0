package io.kilowatch.preference.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Plans the delivery of one message from the customer's preferences, contact points and what they
 * were sent: {@link ChannelChoice}, then {@link QuietHoursPolicy}, then {@link FrequencyCap}. Pure;
 * thread-safe.
 *
 * <ol>
 *   <li>Channels the customer chose for the category, minus opt-outs; none → refused {@code
 *       opted-out}. This holds for critical messages too.
 *   <li>Verified contact points on those channels, in order; none → refused {@code
 *       no-verified-contact-point}.
 *   <li>Non-critical and in quiet hours → deferred to their end (caps are checked when the message
 *       is planned again then, in what may be a new day).
 *   <li>Non-critical: the week's caps (overall, then the category's) full → refused {@code
 *       over-cap}; channels at a daily cap are dropped; none left → refused {@code over-cap}.
 *   <li>Otherwise: send now to the remaining candidates, in order.
 * </ol>
 *
 * <p>A message is critical when it asks to be and its category may be ({@link
 * Category#mayBeCritical()}: outages).
 */
public final class DeliveryPolicy {
  private DeliveryPolicy() {}

  /**
   * @param preferences the customer's effective preferences
   * @param category what the message is about
   * @param criticalRequested whether the sender marked the message critical
   * @param points all the customer's contact points
   * @param sent what the customer was sent, at least since the start of their local week
   * @param now the moment of planning
   */
  public static DeliveryPlan plan(
      Preferences preferences,
      Category category,
      boolean criticalRequested,
      List<ContactPoint> points,
      List<SentMessage> sent,
      Instant now) {
    boolean critical = criticalRequested && category.mayBeCritical();
    CategoryPreference preference = preferences.category(category);
    var choice = ChannelChoice.choose(preference, points);
    if (choice.refusal() != null) {
      return refused(preferences, choice.refusal(), choice.detail(), critical);
    }
    if (critical) {
      return new DeliveryPlan(
          choice.candidates(),
          null,
          null,
          null,
          preferences.locale(),
          preferences.timeZone(),
          true);
    }
    Optional<Instant> quietUntil =
        new QuietHoursPolicy(preferences.quietHours(), preferences.timeZone()).deferUntil(now);
    if (quietUntil.isPresent()) {
      return new DeliveryPlan(
          choice.candidates(),
          quietUntil.get(),
          null,
          null,
          preferences.locale(),
          preferences.timeZone(),
          false);
    }
    var verdict =
        new FrequencyCap(preferences.caps(), preference.caps(), preferences.timeZone())
            .check(category, sent, now);
    if (verdict.weekFull() != null) {
      return refused(preferences, DeliveryPlan.Refusal.OVER_CAP, verdict.weekFull(), false);
    }
    List<DeliveryPlan.Candidate> open =
        choice.candidates().stream().filter(c -> verdict.allows(c.channel())).toList();
    if (open.isEmpty()) {
      return refused(
          preferences,
          DeliveryPlan.Refusal.OVER_CAP,
          String.join(
              "; ",
              choice.candidates().stream()
                  .map(DeliveryPlan.Candidate::channel)
                  .distinct()
                  .map(verdict.fullChannels()::get)
                  .toList()),
          false);
    }
    return new DeliveryPlan(
        open, null, null, null, preferences.locale(), preferences.timeZone(), false);
  }

  private static DeliveryPlan refused(
      Preferences preferences, DeliveryPlan.Refusal refusal, String detail, boolean critical) {
    return new DeliveryPlan(
        List.of(), null, refusal, detail, preferences.locale(), preferences.timeZone(), critical);
  }
}
