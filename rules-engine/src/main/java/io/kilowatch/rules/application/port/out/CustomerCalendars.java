package io.kilowatch.rules.application.port.out;

import io.kilowatch.rules.domain.BillingPeriod;
import io.kilowatch.rules.domain.CustomerCalendar;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** Customers' zones and billing periods as the rules engine learnt them from events. */
public interface CustomerCalendars {
  /**
   * The calendar of each customer; {@link CustomerCalendar#UTC} for customers we know nothing of.
   */
  Map<String, CustomerCalendar> of(Collection<String> customerIds);

  /**
   * Records billing's latest period of a customer; an earlier period never replaces a later one.
   */
  void recordPeriod(String customerId, BillingPeriod period, Instant asOf);
}
