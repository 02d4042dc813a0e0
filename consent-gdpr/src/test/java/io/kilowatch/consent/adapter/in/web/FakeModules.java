package io.kilowatch.consent.adapter.in.web;

import io.kilowatch.platform.gdpr.DataSubject;
import io.kilowatch.platform.gdpr.PersonalDataContributor;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-ins for other modules' {@link PersonalDataContributor}s in {@code DataSubjectIT}: each
 * keeps its "personal data" in memory and records what it was asked.
 */
final class FakeModules {
  static final String SPEC = "DataSubjectIT";

  private FakeModules() {}

  /** Like preference-service: contact points (phone, email) by customer. */
  @Singleton
  @Requires(property = "spec.name", value = SPEC)
  static class Preference implements PersonalDataContributor {
    final Map<String, Map<String, String>> contacts = new ConcurrentHashMap<>();
    final List<DataSubject> exported = new CopyOnWriteArrayList<>();
    final List<DataSubject> erased = new CopyOnWriteArrayList<>();

    void add(String customerId, String phone, String email) {
      contacts.put(customerId, Map.of(DataSubject.PHONE, phone, DataSubject.EMAIL, email));
    }

    @Override
    public String module() {
      return "preference";
    }

    @Override
    public Map<String, Set<String>> identifiers(String customerId) {
      Map<String, Set<String>> ids = new LinkedHashMap<>();
      contacts.getOrDefault(customerId, Map.of()).forEach((k, v) -> ids.put(k, Set.of(v)));
      return ids;
    }

    @Override
    public Map<String, Object> export(DataSubject subject) {
      exported.add(subject);
      List<Map<String, String>> points = new ArrayList<>();
      contacts
          .getOrDefault(subject.customerId(), Map.of())
          .forEach(
              (kind, address) ->
                  points.add(
                      Map.of("channel", kind.equals("phone") ? "sms" : kind, "address", address)));
      return Map.of("contact_points", points);
    }

    @Override
    public Map<String, Long> erase(DataSubject subject) {
      erased.add(subject);
      Map<String, String> gone = contacts.remove(subject.customerId());
      return Map.of("contact_point", gone == null ? 0L : (long) gone.size());
    }
  }

  /** Like metering-ingest: meters and readings; fails for customers listed in {@code failFor}. */
  @Singleton
  @Requires(property = "spec.name", value = SPEC)
  static class Metering implements PersonalDataContributor {
    final Map<String, List<String>> meters = new ConcurrentHashMap<>();
    final Set<String> failFor = ConcurrentHashMap.newKeySet();
    final List<DataSubject> exported = new CopyOnWriteArrayList<>();
    final List<DataSubject> erased = new CopyOnWriteArrayList<>();

    @Override
    public String module() {
      return "metering";
    }

    @Override
    public Map<String, Set<String>> identifiers(String customerId) {
      List<String> mine = meters.getOrDefault(customerId, List.of());
      return mine.isEmpty() ? Map.of() : Map.of(DataSubject.METER, Set.copyOf(mine));
    }

    @Override
    public Map<String, Object> export(DataSubject subject) {
      exported.add(subject);
      List<Map<String, Object>> readings = new ArrayList<>();
      for (String meter : subject.all(DataSubject.METER)) {
        readings.add(
            Map.of("meterId", meter, "energyWh", 1250, "intervalStart", "2026-06-30T23:00:00Z"));
      }
      return Map.of("readings", readings);
    }

    @Override
    public Map<String, Long> erase(DataSubject subject) {
      if (failFor.contains(subject.customerId())) {
        throw new IllegalStateException("metering database unavailable");
      }
      erased.add(subject);
      List<String> gone = meters.remove(subject.customerId());
      return Map.of("reading", gone == null ? 0L : gone.size() * 96L);
    }
  }
}
