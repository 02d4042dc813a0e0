package io.kilowatch.preference.domain;

import io.kilowatch.channel.Channel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Picks the contact points a message of one category may go to, in the customer's fallback order.
 * Pure; thread-safe.
 */
public final class ChannelChoice {
  private ChannelChoice() {}

  /**
   * The outcome: candidates in order, or why there are none.
   *
   * @param candidates verified points on chosen, not opted-out channels, channel order first, then
   *     oldest point first
   * @param refusal null when there are candidates
   * @param detail a human-readable reason for the refusal, else null
   */
  public record Choice(
      List<DeliveryPlan.Candidate> candidates, DeliveryPlan.Refusal refusal, String detail) {
    public Choice {
      candidates = List.copyOf(candidates);
    }
  }

  /**
   * Chooses among the customer's contact points.
   *
   * @param preference the category's preference
   * @param points all the customer's contact points; unverified ones are never chosen
   */
  public static Choice choose(CategoryPreference preference, List<ContactPoint> points) {
    Objects.requireNonNull(preference, "preference");
    List<Channel> allowed =
        preference.channels().stream().filter(c -> !preference.optedOut().contains(c)).toList();
    if (allowed.isEmpty()) {
      return new Choice(
          List.of(),
          DeliveryPlan.Refusal.OPTED_OUT,
          preference.optedOut().isEmpty()
              ? "no channel chosen for this category"
              : "opted out of " + wireNames(new ArrayList<>(preference.optedOut())));
    }
    List<DeliveryPlan.Candidate> candidates = new ArrayList<>();
    for (Channel channel : allowed) {
      points.stream()
          .filter(p -> p.channel() == channel && p.verified())
          .sorted(Comparator.comparing(ContactPoint::createdAt).thenComparing(ContactPoint::id))
          .map(DeliveryPlan.Candidate::of)
          .forEach(candidates::add);
    }
    if (candidates.isEmpty()) {
      return new Choice(
          List.of(),
          DeliveryPlan.Refusal.NO_VERIFIED_CONTACT_POINT,
          "no verified contact point on " + wireNames(allowed));
    }
    return new Choice(candidates, null, null);
  }

  static String wireNames(List<Channel> channels) {
    return String.join(", ", channels.stream().map(Channel::wireName).toList());
  }
}
