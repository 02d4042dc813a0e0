package io.kilowatch.delivery.gdpr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.kilowatch.platform.gdpr.DataSubject;
import io.kilowatch.platform.gdpr.PersonalDataContributor;
import io.kilowatch.platform.gdpr.PersonalDataRows;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Delivery's part of data-subject requests: the person's notifications with every attempt
 * (provider, answer, provider message id), provider status reports, dispatch claims, deferred
 * (quiet hours) messages and dead letters about them. Erasure deletes all of it, deferred messages
 * included (so they are never released), and then purges the person's keys from the Hazelcast map
 * {@code delivery.dedupe}. Trigger API answers kept for Idempotency-Key replays that name the
 * person are deleted too (the caller then gets a fresh answer for that key). The daily analytics
 * counts hold no personal data and stay.
 */
@Singleton
public class DeliveryPersonalData implements PersonalDataContributor {
  /** The Hazelcast map of dedupe keys ({@code HazelcastDedupeCache}). */
  static final String DEDUPE_MAP = "delivery.dedupe";

  private final DeliveryPersonalDataMapper mapper;
  private final ObjectMapper json;
  private final HazelcastInstance hazelcast;

  DeliveryPersonalData(
      DeliveryPersonalDataMapper mapper, ObjectMapper json, HazelcastInstance hazelcast) {
    this.mapper = mapper;
    this.json = json;
    this.hazelcast = hazelcast;
  }

  @Override
  public String module() {
    return "delivery";
  }

  @Override
  public Map<String, Set<String>> identifiers(String customerId) {
    return Map.of();
  }

  @Override
  @Transactional
  public Map<String, Object> export(DataSubject subject) {
    List<String> ids = mapper.notificationIds(subject.customerId());
    List<Long> deadLetters = mapper.deadLetterIds(subject.customerId(), ids, needles(subject));
    List<String> deferred = mapper.deferredIds(ids, needles(subject));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "notifications", PersonalDataRows.parse(json, mapper.notifications(subject.customerId())));
    out.put(
        "attempts", ids.isEmpty() ? List.of() : PersonalDataRows.parse(json, mapper.attempts(ids)));
    out.put(
        "status_events",
        ids.isEmpty() ? List.of() : PersonalDataRows.parse(json, mapper.statusEvents(ids)));
    out.put(
        "dispatch_claims",
        ids.isEmpty() ? List.of() : PersonalDataRows.parse(json, mapper.dispatches(ids)));
    out.put(
        "deferred",
        deferred.isEmpty() ? List.of() : PersonalDataRows.parse(json, mapper.deferred(deferred)));
    out.put(
        "dead_letters",
        deadLetters.isEmpty()
            ? List.of()
            : PersonalDataRows.parse(json, mapper.deadLetters(deadLetters)));
    out.put(
        "trigger_responses",
        PersonalDataRows.parse(json, mapper.triggerResponses(answers(subject, ids))));
    return out;
  }

  @Override
  @Transactional
  public Map<String, Long> erase(DataSubject subject) {
    List<String> ids = mapper.notificationIds(subject.customerId());
    List<Long> deadLetters = mapper.deadLetterIds(subject.customerId(), ids, needles(subject));
    List<String> deferred = mapper.deferredIds(ids, needles(subject));
    List<String> dedupeKeys = ids.isEmpty() ? List.of() : mapper.dedupeKeys(ids);
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("deferred", deferred.isEmpty() ? 0L : mapper.deleteDeferred(deferred));
    out.put("trigger_responses", (long) mapper.deleteTriggerResponses(answers(subject, ids)));
    out.put("dead_letters", deadLetters.isEmpty() ? 0L : mapper.deleteDeadLetters(deadLetters));
    if (ids.isEmpty()) {
      out.put("attempts", 0L);
      out.put("status_events", 0L);
      out.put("dispatch_claims", 0L);
      out.put("notifications", 0L);
    } else {
      out.put("attempts", (long) mapper.deleteAttempts(ids));
      out.put("status_events", (long) mapper.deleteStatusEvents(ids));
      out.put("dispatch_claims", (long) mapper.deleteDispatches(ids));
      out.put("notifications", (long) mapper.deleteNotifications(ids));
    }
    // last: not transactional, harmless if the transaction rolls back (a key only blocks a resend)
    out.put("dedupe_keys", purgeDedupe(dedupeKeys, ids));
    return out;
  }

  /** Removes the person's dedupe keys: by key, and any entry holding one of their notifications. */
  private long purgeDedupe(List<String> keys, List<String> notificationIds) {
    IMap<String, String> map = hazelcast.getMap(DEDUPE_MAP);
    long removed = 0;
    for (String key : keys) {
      if (map.remove(key) != null) {
        removed++;
      }
    }
    if (!notificationIds.isEmpty()) {
      Set<String> holders = new LinkedHashSet<>(notificationIds);
      int before = map.size();
      map.removeAll(Predicates.in("this", holders.toArray(new String[0])));
      removed += Math.max(0, before - map.size());
    }
    return removed;
  }

  /** What names the person in a stored trigger API answer (JSON): their ids in quotes. */
  private static List<String> answers(DataSubject subject, List<String> notificationIds) {
    List<String> needles = new ArrayList<>();
    needles.add("\"" + subject.customerId() + "\"");
    notificationIds.forEach(id -> needles.add("\"" + id + "\""));
    return needles;
  }

  /** The person's identifiers as they may appear in a stored message body. */
  private static List<String> needles(DataSubject subject) {
    List<String> needles = new ArrayList<>();
    needles.add("\"" + subject.customerId() + "\"");
    subject
        .identifiers()
        .forEach(
            (kind, values) -> {
              if (!kind.equals(DataSubject.METER_PERIOD)) {
                needles.addAll(values);
              }
            });
    return needles;
  }
}
