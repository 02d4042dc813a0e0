package io.kilowatch.rules.adapter.out.persistence;

import io.kilowatch.rules.application.port.out.UsageDays;
import io.kilowatch.rules.domain.UsageBaseline;
import jakarta.inject.Singleton;
import java.time.Instant;

/** Daily totals in {@code rules.meter_day_usage}. Thread-safe. */
@Singleton
class UsageDaysAdapter implements UsageDays {
  private final UsageDayMapper mapper;

  UsageDaysAdapter(UsageDayMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public void record(
      String meterId, Instant dayStart, Instant dayEnd, long energyWh, Instant asOf) {
    mapper.record(meterId, dayStart, dayEnd, energyWh, asOf);
  }

  @Override
  public UsageBaseline ofMeter(String meterId, Instant from, Instant to) {
    var total = mapper.ofMeter(meterId, from, to);
    return new UsageBaseline(total.totalWh(), total.days());
  }

  @Override
  public UsageBaseline ofCustomer(String customerId, Instant from, Instant to) {
    var total = mapper.ofCustomer(customerId, from, to);
    return new UsageBaseline(total.totalWh(), total.days());
  }
}
