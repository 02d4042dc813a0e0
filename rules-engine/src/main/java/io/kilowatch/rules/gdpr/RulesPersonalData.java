package io.kilowatch.rules.gdpr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.platform.gdpr.DataSubject;
import io.kilowatch.platform.gdpr.MeterPeriod;
import io.kilowatch.platform.gdpr.PersonalDataContributor;
import io.kilowatch.platform.gdpr.PersonalDataRows;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules engine's part of data-subject requests: the person's rules, their state (hysteresis,
 * cooldowns), which causes they fired for, the meter-ownership and billing-period projections, and
 * the daily totals of the person's meters while they owned them, and the staff audit entries about
 * them. Erasure deletes all of it (the audit entries are anonymised: who on the staff acted and
 * when stays, the person and the details go) and bumps the price feeds of their price rules, so
 * that every instance's in-memory price index drops them on its next price event.
 */
@Singleton
public class RulesPersonalData implements PersonalDataContributor {
  static final Instant OPEN_END = Instant.parse("9999-12-31T00:00:00Z");

  private final RulesPersonalDataMapper mapper;
  private final ObjectMapper json;
  private final Clock clock;

  RulesPersonalData(RulesPersonalDataMapper mapper, ObjectMapper json, Clock clock) {
    this.mapper = mapper;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public String module() {
    return "rules";
  }

  @Override
  @Transactional
  public Map<String, Set<String>> identifiers(String customerId) {
    return Map.of(DataSubject.METER, new LinkedHashSet<>(mapper.meters(customerId)));
  }

  @Override
  @Transactional
  public Map<String, Object> export(DataSubject subject) {
    String id = subject.customerId();
    List<JsonNode> days = new ArrayList<>();
    for (MeterPeriod p : periods(subject)) {
      days.addAll(PersonalDataRows.parse(json, mapper.meterDays(p.meterId(), p.from(), end(p))));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rules", PersonalDataRows.parse(json, mapper.rules(id)));
    out.put("rule_states", PersonalDataRows.parse(json, mapper.ruleStates(id)));
    out.put("rule_firings", PersonalDataRows.parse(json, mapper.firings(id)));
    out.put("rule_notifications", PersonalDataRows.parse(json, mapper.notifications(id)));
    out.put("meter_owners", PersonalDataRows.parse(json, mapper.meterOwners(id)));
    out.put("billing_periods", PersonalDataRows.parse(json, mapper.billingPeriods(id)));
    out.put("meter_day_usage", days);
    out.put("audit_entries", PersonalDataRows.parse(json, mapper.audit(id)));
    return out;
  }

  @Override
  @Transactional
  public Map<String, Long> erase(DataSubject subject) {
    String id = subject.customerId();
    List<MeterPeriod> periods = periods(subject);
    List<String> feeds = mapper.priceFeeds(id);
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("rule_notifications", (long) mapper.deleteNotifications(id));
    out.put("rule_firings", (long) mapper.deleteFirings(id));
    out.put("rule_states", (long) mapper.deleteStates(id));
    out.put("rules", (long) mapper.deleteRules(id));
    out.put("meter_owners", (long) mapper.deleteMeterOwners(id));
    out.put("billing_periods", (long) mapper.deleteBillingPeriods(id));
    long days = 0;
    for (MeterPeriod p : periods) {
      days += mapper.deleteMeterDays(p.meterId(), p.from(), end(p));
    }
    out.put("meter_day_usage", days);
    mapper.declareErasure();
    out.put("audit_entries_anonymised", (long) mapper.anonymiseAudit(id));
    Instant now = clock.instant();
    feeds.forEach(feed -> mapper.bumpFeed(feed, now));
    return out;
  }

  /** The person's meter periods; a meter known without a period counts whole. */
  private static List<MeterPeriod> periods(DataSubject subject) {
    List<MeterPeriod> periods = new ArrayList<>(subject.meterPeriods());
    Set<String> withPeriod = new HashSet<>();
    periods.forEach(p -> withPeriod.add(p.meterId()));
    for (String meter : subject.all(DataSubject.METER)) {
      if (!withPeriod.contains(meter)) {
        periods.add(new MeterPeriod(meter, Instant.EPOCH, null));
      }
    }
    return periods;
  }

  private static Instant end(MeterPeriod p) {
    return p.to() == null ? OPEN_END : p.to();
  }
}
