package io.kilowatch.preference.application;

import io.kilowatch.channel.Channel;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.preference.domain.DeliveryPlan;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The Java API delivery calls for every message: where, when and whether it may go out under the
 * customer's preferences, and what went out (for frequency caps). Implementations are thread-safe
 * and run their own transaction (joining the caller's, if any).
 *
 * <p>Typical use:
 *
 * <pre>{@code
 * DeliveryPlan plan = planner.plan(customerId, request.category(), request.priority(), now);
 * if (plan.isRefused())       -> suppress, reason plan.refusal().wireName() + plan.detail()
 * else if (plan.isDeferred()) -> wait until plan.deferUntil(), then plan again
 * else for (Candidate c : plan.candidates()) -> try c, fall back to the next on failure;
 *      after the provider accepted: planner.recordSent(customerId, category, c.channel(), sentAt)
 * }</pre>
 */
public interface DeliveryPlanner {
  /**
   * Plans one message. Read-only: planning the same message twice counts nothing.
   *
   * @param customerId the recipient
   * @param category what the message is about
   * @param priority {@code CRITICAL} bypasses quiet hours and caps, but only for categories that
   *     may be critical (outage); never an opt-out
   * @param now the moment of planning (the caller's clock)
   */
  DeliveryPlan plan(
      String customerId, NotificationCategory category, NotificationPriority priority, Instant now);

  /**
   * Plans one message whose requester named the channels to try, in their order (a retailer's
   * system through the trigger API: {@code NotificationRequested.channels}). The customer's
   * preferences still decide everything else: a channel they opted out of for the category is never
   * used (all of them opted out → refused {@code opted-out}), only verified contact points are
   * offered, quiet hours and caps apply as for {@link #plan(String, NotificationCategory,
   * NotificationPriority, Instant)}. Channels the customer did not choose for the category but did
   * not opt out of may be used: the requester's choice replaces the customer's order, not their
   * opt-outs. Read-only.
   *
   * @param channels the requested channels in order, no repeats; empty = the customer's own choice
   *     (the same as the other {@code plan})
   */
  DeliveryPlan plan(
      String customerId,
      NotificationCategory category,
      NotificationPriority priority,
      Instant now,
      List<Channel> channels);

  /**
   * Plans a verification code ({@code NotificationCategory.ACCOUNT}): to the given contact point
   * only, and only while it is unverified and the customer's; no quiet hours, caps or channel
   * choice (the customer is waiting for the code). Otherwise refused {@code
   * not-awaiting-verification}. Read-only.
   */
  DeliveryPlan planVerification(String customerId, UUID contactPointId, Instant now);

  /**
   * Records that a message went out, so that caps count it. Call once per message that a provider
   * accepted, on the channel it went out on.
   *
   * @param category what it was about; counts towards the category's own caps too
   */
  void recordSent(
      String customerId, NotificationCategory category, Channel channel, Instant sentAt);

  /**
   * Records a message without saying its category: it counts towards the overall and per-channel
   * caps, not towards any category's own caps. Prefer {@link #recordSent(String,
   * NotificationCategory, Channel, Instant)}.
   */
  default void recordSent(String customerId, Channel channel, Instant sentAt) {
    recordSent(customerId, null, channel, sentAt);
  }
}
