package io.kilowatch.billing.gdpr;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.platform.gdpr.DataSubject;
import io.kilowatch.platform.gdpr.MeterPeriod;
import io.kilowatch.platform.gdpr.PersonalDataContributor;
import io.kilowatch.platform.gdpr.PersonalDataRows;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Billing's part of data-subject requests: the account (holder's name, region, zone) and the meter
 * assignments. Billing is where meter ownership lives, so it tells the other modules the person's
 * meters ({@link DataSubject#METER}) and the periods they owned them ({@link
 * DataSubject#METER_PERIOD}). Erasure deletes both; invoices will join here when billing has them.
 */
@Singleton
public class BillingPersonalData implements PersonalDataContributor {
  private final BillingPersonalDataMapper mapper;
  private final ObjectMapper json;

  BillingPersonalData(BillingPersonalDataMapper mapper, ObjectMapper json) {
    this.mapper = mapper;
    this.json = json;
  }

  @Override
  public String module() {
    return "billing";
  }

  @Override
  @Transactional
  public Map<String, Set<String>> identifiers(String customerId) {
    Set<String> meters = new LinkedHashSet<>();
    Set<String> periods = new LinkedHashSet<>();
    for (BillingPersonalDataMapper.Ownership o : mapper.ownership(customerId)) {
      meters.add(o.meterId());
      periods.add(new MeterPeriod(o.meterId(), o.assignedFrom(), o.assignedTo()).encode());
    }
    Map<String, Set<String>> out = new LinkedHashMap<>();
    out.put(DataSubject.METER, meters);
    out.put(DataSubject.METER_PERIOD, periods);
    return out;
  }

  @Override
  @Transactional
  public Map<String, Object> export(DataSubject subject) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("account", PersonalDataRows.parse(json, mapper.accounts(subject.customerId())));
    out.put(
        "meter_assignments",
        PersonalDataRows.parse(json, mapper.assignments(subject.customerId())));
    return out;
  }

  @Override
  @Transactional
  public Map<String, Long> erase(DataSubject subject) {
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("meter_assignments", (long) mapper.deleteAssignments(subject.customerId()));
    out.put("account", (long) mapper.deleteAccount(subject.customerId()));
    return out;
  }
}
