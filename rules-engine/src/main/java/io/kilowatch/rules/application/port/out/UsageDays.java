package io.kilowatch.rules.application.port.out;

import io.kilowatch.rules.domain.UsageBaseline;
import java.time.Instant;

/** Daily totals per meter, kept from metering's daily windows. Calls run in the caller's tx. */
public interface UsageDays {
  /** Records a day's total (keeping the larger when the day is known). */
  void record(String meterId, Instant dayStart, Instant dayEnd, long energyWh, Instant asOf);

  /** Total and number of days of one meter for days starting in {@code [from, to)}. */
  UsageBaseline ofMeter(String meterId, Instant from, Instant to);

  /** The same over all the customer's meters, each counted from when it became theirs. */
  UsageBaseline ofCustomer(String customerId, Instant from, Instant to);
}
