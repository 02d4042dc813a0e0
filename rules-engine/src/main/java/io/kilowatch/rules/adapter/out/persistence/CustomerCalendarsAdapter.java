package io.kilowatch.rules.adapter.out.persistence;

import io.kilowatch.rules.application.port.out.CustomerCalendars;
import io.kilowatch.rules.domain.BillingPeriod;
import io.kilowatch.rules.domain.CustomerCalendar;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Zones from {@code rules.meter_owner}, periods from {@code rules.billing_period}. Thread-safe. */
@Singleton
class CustomerCalendarsAdapter implements CustomerCalendars {
  private final CalendarMapper mapper;

  CustomerCalendarsAdapter(CalendarMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public Map<String, CustomerCalendar> of(Collection<String> customerIds) {
    Map<String, CustomerCalendar> calendars = new HashMap<>();
    if (customerIds.isEmpty()) {
      return calendars;
    }
    String[] ids = customerIds.stream().distinct().toArray(String[]::new);
    Map<String, ZoneId> zones = new HashMap<>();
    for (var row : mapper.zones(ids)) {
      zones.put(row.customerId(), ZoneId.of(row.timeZone()));
    }
    Map<String, BillingPeriod> periods = new HashMap<>();
    for (var row : mapper.periods(ids)) {
      periods.put(row.customerId(), new BillingPeriod(row.periodStart(), row.periodEnd()));
    }
    for (String id : ids) {
      calendars.put(
          id, new CustomerCalendar(zones.getOrDefault(id, ZoneOffset.UTC), periods.get(id)));
    }
    return calendars;
  }

  @Override
  public void recordPeriod(String customerId, BillingPeriod period, Instant asOf) {
    mapper.recordPeriod(customerId, period.start(), period.end(), asOf);
  }
}
