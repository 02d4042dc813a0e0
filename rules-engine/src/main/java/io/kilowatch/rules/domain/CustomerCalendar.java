package io.kilowatch.rules.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How days and billing periods fall for one customer: their zone (from their meters; UTC when we
 * know no meter of theirs) and the billing period billing last told us (a calendar month when
 * none).
 *
 * @param zone the customer's zone
 * @param knownPeriod the latest billing period from billing, or null
 */
public record CustomerCalendar(ZoneId zone, BillingPeriod knownPeriod) {
  public static final CustomerCalendar UTC = new CustomerCalendar(ZoneOffset.UTC, null);

  public CustomerCalendar {
    Objects.requireNonNull(zone, "zone");
  }

  public LocalDate dayOf(Instant instant) {
    return instant.atZone(zone).toLocalDate();
  }

  /** The billing period that {@code instant} falls in. */
  public BillingPeriod periodOf(Instant instant) {
    LocalDate day = dayOf(instant);
    return knownPeriod == null ? BillingPeriod.calendarMonthOf(day) : knownPeriod.periodOf(day);
  }

  public Instant startOf(LocalDate day) {
    return day.atStartOfDay(zone).toInstant();
  }

  /** The first instant after the period's last day. */
  public Instant endOf(BillingPeriod period) {
    return period.end().plusDays(1).atStartOfDay(zone).toInstant();
  }
}
