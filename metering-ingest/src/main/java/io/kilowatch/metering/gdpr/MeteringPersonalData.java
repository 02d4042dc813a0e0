package io.kilowatch.metering.gdpr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.platform.gdpr.DataSubject;
import io.kilowatch.platform.gdpr.MeterPeriod;
import io.kilowatch.platform.gdpr.PersonalDataContributor;
import io.kilowatch.platform.gdpr.PersonalDataRows;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Metering's part of data-subject requests. Metering does not know customers: readings belong to
 * meters. The person's part is every reading (and daily window) of their meters within the periods
 * they owned them, as billing reports them ({@link DataSubject#METER_PERIOD}); a meter the subject
 * names ({@link DataSubject#METER}) without any period counts as theirs for its whole history.
 * Erasure deletes those readings and windows (no anonymous aggregate is kept).
 */
@Singleton
public class MeteringPersonalData implements PersonalDataContributor {
  /** Upper bound of an open period: later than any reading. */
  static final Instant OPEN_END = Instant.parse("9999-12-31T00:00:00Z");

  private final MeteringPersonalDataMapper mapper;
  private final ObjectMapper json;

  MeteringPersonalData(MeteringPersonalDataMapper mapper, ObjectMapper json) {
    this.mapper = mapper;
    this.json = json;
  }

  @Override
  public String module() {
    return "metering";
  }

  @Override
  public Map<String, Set<String>> identifiers(String customerId) {
    return Map.of();
  }

  @Override
  @Transactional
  public Map<String, Object> export(DataSubject subject) {
    List<JsonNode> readings = new ArrayList<>();
    List<JsonNode> windows = new ArrayList<>();
    for (MeterPeriod p : periods(subject)) {
      readings.addAll(PersonalDataRows.parse(json, mapper.readings(p.meterId(), p.from(), end(p))));
      windows.addAll(
          PersonalDataRows.parse(json, mapper.dailyUsage(p.meterId(), p.from(), end(p))));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ownership_periods", periods(subject).stream().map(MeterPeriod::encode).toList());
    out.put("readings", readings);
    out.put("daily_usage", windows);
    return out;
  }

  @Override
  @Transactional
  public Map<String, Long> erase(DataSubject subject) {
    long readings = 0;
    long windows = 0;
    for (MeterPeriod p : periods(subject)) {
      readings += mapper.deleteReadings(p.meterId(), p.from(), end(p));
      windows += mapper.deleteDailyUsage(p.meterId(), p.from(), end(p));
    }
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("readings", readings);
    out.put("daily_usage", windows);
    return out;
  }

  /** The person's periods per meter; a named meter without a period counts whole. */
  static List<MeterPeriod> periods(DataSubject subject) {
    List<MeterPeriod> periods = new ArrayList<>(subject.meterPeriods());
    Set<String> withPeriod = new java.util.HashSet<>();
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
