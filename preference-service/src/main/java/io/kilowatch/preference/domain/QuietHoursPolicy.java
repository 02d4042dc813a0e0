package io.kilowatch.preference.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a moment falls in a customer's quiet hours and, if so, when they end. Immutable
 * and thread-safe.
 *
 * <p>Each night's window is one interval of real time, from the first moment the customer's clock
 * shows {@code start} to the first moment it shows {@code end}:
 *
 * <ul>
 *   <li>on the night clocks go forward the window is an hour shorter in real time (21:00 GMT to
 *       08:00 BST is 10 hours in London on 29 March 2026); when they go back it is an hour longer;
 *   <li>a start or end that falls in the hour skipped in spring (e.g. 01:30 in London) takes effect
 *       at the moment the clocks jump (02:00 summer time), the first time the clock shows a later
 *       time;
 *   <li>a start or end that occurs twice in autumn (e.g. 01:30 in London) takes effect the first
 *       time; the repeated hour after it is not quiet again.
 * </ul>
 */
public final class QuietHoursPolicy {
  private final QuietHours hours;
  private final ZoneId zone;

  /**
   * @param hours the window, or null for a customer without quiet hours
   * @param zone the customer's time zone
   */
  public QuietHoursPolicy(QuietHours hours, ZoneId zone) {
    this.hours = hours;
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /**
   * When the quiet window that {@code now} falls in ends, or empty when {@code now} is not quiet.
   * The returned instant is itself outside the window: a message deferred to it goes out then.
   */
  public Optional<Instant> deferUntil(Instant now) {
    if (hours == null) {
      return Optional.empty();
    }
    LocalDate today = now.atZone(zone).toLocalDate();
    // the window that opened yesterday may still be open (it wraps midnight); then today's
    for (LocalDate opened : new LocalDate[] {today.minusDays(1), today}) {
      Instant start = firstMomentShowing(opened, hours.start());
      Instant end =
          firstMomentShowing(hours.wrapsMidnight() ? opened.plusDays(1) : opened, hours.end());
      if (!now.isBefore(start) && now.isBefore(end)) {
        return Optional.of(end);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code now} is in quiet hours. */
  public boolean isQuiet(Instant now) {
    return deferUntil(now).isPresent();
  }

  /** The first instant at which the local clock shows {@code time} on {@code date} (or later). */
  private Instant firstMomentShowing(LocalDate date, LocalTime time) {
    LocalDateTime local = date.atTime(time);
    ZoneOffsetTransition transition = zone.getRules().getTransition(local);
    if (transition != null && transition.isGap()) {
      // the time does not exist that day: the clock jumps past it at the transition
      return transition.getInstant();
    }
    // unambiguous, or the earlier of the two offsets in an overlap
    return local.atZone(zone).toInstant();
  }
}
