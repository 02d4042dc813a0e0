package io.kilowatch.preference.domain;

import io.kilowatch.channel.Channel;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * How to deliver one message to one customer, decided at one moment: now (to the candidates in
 * order, falling back to the next when one fails), later ({@link #deferUntil}), or not at all
 * ({@link #refusal}). Immutable.
 *
 * @param candidates verified contact points on channels the customer chose and has not opted out
 *     of, in the customer's order (channel order, then oldest point first); when sending now, only
 *     channels with room in their caps; empty when refused
 * @param deferUntil when the customer's quiet hours end, for a non-critical message planned during
 *     them; null otherwise. The caller waits until then and plans again (caps are checked then, and
 *     the customer may have changed something meanwhile)
 * @param refusal why the message must not go out at all; null unless refused
 * @param detail for a refusal, a human-readable explanation (for delivery records); else null
 * @param locale the customer's language for rendering
 * @param timeZone the customer's zone, for rendering local times
 * @param critical whether the message was treated as critical (bypassing quiet hours and caps)
 */
public record DeliveryPlan(
    List<Candidate> candidates,
    Instant deferUntil,
    Refusal refusal,
    String detail,
    Locale locale,
    ZoneId timeZone,
    boolean critical) {

  public DeliveryPlan {
    candidates = List.copyOf(candidates);
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(timeZone, "timeZone");
    if (refusal != null && (!candidates.isEmpty() || deferUntil != null)) {
      throw new IllegalArgumentException("a refused plan has no candidates and no deferral");
    }
    if (refusal == null && candidates.isEmpty()) {
      throw new IllegalArgumentException("a plan without candidates must be refused");
    }
  }

  /**
   * One address to try.
   *
   * @param channel the channel
   * @param address the normalised address on it (phone, email, device token, https URL)
   * @param contactPointId the contact point it comes from
   * @param platform the device platform for push; null otherwise
   */
  public record Candidate(
      Channel channel, String address, UUID contactPointId, PushPlatform platform) {
    public Candidate {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(contactPointId, "contactPointId");
    }

    public static Candidate of(ContactPoint point) {
      return new Candidate(point.channel(), point.address(), point.id(), point.platform());
    }
  }

  /** Why a message must not go out. */
  public enum Refusal {
    /** The customer chose no channel for the category, or opted out of every chosen one. */
    OPTED_OUT,
    /** No chosen channel has a verified contact point. */
    NO_VERIFIED_CONTACT_POINT,
    /** Every chosen channel with a verified contact point reached a frequency cap. */
    OVER_CAP,
    /**
     * A verification code for a contact point that is verified by now, or removed: there is nothing
     * left to verify.
     */
    NOT_AWAITING_VERIFICATION;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** Whether the message goes out now, to {@link #candidates}. */
  public boolean sendNow() {
    return refusal == null && deferUntil == null;
  }

  public boolean isDeferred() {
    return deferUntil != null;
  }

  public boolean isRefused() {
    return refusal != null;
  }
}
