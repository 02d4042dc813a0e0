package io.kilowatch.rules.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * How often a rule may notify, on top of its own once-per-cause rule (a usage rule fires once per
 * window, a price rule once per crossing, an outage rule once per outage).
 *
 * <ul>
 *   <li>{@code once-per-window}: nothing more than that (the default);
 *   <li>{@code once-per-day}: at most one notification per day in the customer's zone;
 *   <li>{@code once-per-billing-period}: at most one per billing period;
 *   <li>an ISO-8601 duration such as {@code PT6H}: at least that long between two notifications.
 * </ul>
 *
 * A notification held back by the cooldown is not sent later; the cause counts as handled.
 *
 * @param policy which of the above
 * @param every the minimum gap for {@link Policy#EVERY}, else null
 */
public record Cooldown(Policy policy, Duration every) {
  public static final Duration MIN_EVERY = Duration.ofMinutes(1);
  public static final Duration MAX_EVERY = Duration.ofDays(92);
  public static final Cooldown ONCE_PER_WINDOW = new Cooldown(Policy.ONCE_PER_WINDOW, null);
  public static final Cooldown ONCE_PER_DAY = new Cooldown(Policy.ONCE_PER_DAY, null);
  public static final Cooldown ONCE_PER_BILLING_PERIOD =
      new Cooldown(Policy.ONCE_PER_BILLING_PERIOD, null);

  public enum Policy {
    ONCE_PER_WINDOW("once-per-window"),
    ONCE_PER_DAY("once-per-day"),
    ONCE_PER_BILLING_PERIOD("once-per-billing-period"),
    EVERY(null);

    private final String wireName;

    Policy(String wireName) {
      this.wireName = wireName;
    }
  }

  public Cooldown {
    Objects.requireNonNull(policy, "policy");
    if ((policy == Policy.EVERY) != (every != null)) {
      throw new IllegalArgumentException("a duration goes with EVERY and only with it");
    }
    if (every != null && (every.compareTo(MIN_EVERY) < 0 || every.compareTo(MAX_EVERY) > 0)) {
      throw new IllegalArgumentException("must be between PT1M and P92D");
    }
  }

  public static Cooldown every(Duration gap) {
    return new Cooldown(Policy.EVERY, gap);
  }

  /**
   * The cooldown with this wire name or ISO-8601 duration.
   *
   * @throws IllegalArgumentException with a message for people
   */
  public static Cooldown parse(String text) {
    for (Policy p : Policy.values()) {
      if (p.wireName != null && p.wireName.equals(text)) {
        return new Cooldown(p, null);
      }
    }
    Duration gap;
    try {
      gap = Duration.parse(text);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException(
          "must be once-per-window, once-per-day, once-per-billing-period or an ISO-8601"
              + " duration such as PT6H");
    }
    return every(gap);
  }

  public static Optional<Cooldown> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public String wireName() {
    return policy == Policy.EVERY ? every.toString() : policy.wireName;
  }

  /** True when deciding needs the customer's zone or billing period. */
  public boolean needsCalendar() {
    return policy == Policy.ONCE_PER_DAY || policy == Policy.ONCE_PER_BILLING_PERIOD;
  }

  /**
   * Whether a notification caused at {@code at} may go out.
   *
   * @param lastNotifiedAt when the rule last notified (the cause's time), or null if never
   * @param at the time of the new cause
   * @param calendar the customer's zone and billing period; only read when {@link #needsCalendar}
   */
  public boolean allows(Instant lastNotifiedAt, Instant at, CustomerCalendar calendar) {
    if (lastNotifiedAt == null || policy == Policy.ONCE_PER_WINDOW) {
      return true;
    }
    switch (policy) {
      case EVERY:
        return !at.isBefore(lastNotifiedAt.plus(every));
      case ONCE_PER_DAY:
        return calendar.dayOf(at).isAfter(calendar.dayOf(lastNotifiedAt));
      case ONCE_PER_BILLING_PERIOD:
        return lastNotifiedAt.isBefore(calendar.startOf(calendar.periodOf(at).start()));
      default:
        throw new IllegalStateException("unknown policy " + policy);
    }
  }
}
