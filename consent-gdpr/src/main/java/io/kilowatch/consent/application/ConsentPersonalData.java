package io.kilowatch.consent.application;

import io.kilowatch.channel.Channel;
import io.kilowatch.consent.application.port.out.AuditStore;
import io.kilowatch.consent.application.port.out.ConsentLedger;
import io.kilowatch.consent.domain.AuditEntry;
import io.kilowatch.consent.domain.ConsentEntry;
import io.kilowatch.consent.domain.ConsentHistory;
import io.kilowatch.consent.domain.ConsentSource;
import io.kilowatch.consent.domain.Purpose;
import io.kilowatch.consent.domain.Verdict;
import io.kilowatch.platform.gdpr.DataSubject;
import io.kilowatch.platform.gdpr.PersonalDataContributor;
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
 * This module's part of data-subject requests: the person's consent ledger and the staff actions
 * about them. Erasure pseudonymises both (see README: proof of consent and of staff actions is
 * kept, without the person's identifiers) and marks them erased in the consent cache.
 */
@Singleton
public class ConsentPersonalData implements PersonalDataContributor {
  public static final String MODULE = "consent";

  private final ConsentLedger ledger;
  private final AuditStore audit;
  private final ConsentStates states;
  private final SubjectHasher hasher;
  private final Clock clock;

  ConsentPersonalData(
      ConsentLedger ledger,
      AuditStore audit,
      ConsentStates states,
      SubjectHasher hasher,
      Clock clock) {
    this.ledger = ledger;
    this.audit = audit;
    this.states = states;
    this.hasher = hasher;
    this.clock = clock;
  }

  @Override
  public String module() {
    return MODULE;
  }

  @Override
  @Transactional
  public Map<String, Set<String>> identifiers(String customerId) {
    Map<String, Set<String>> ids = new LinkedHashMap<>();
    Set<String> phones =
        new LinkedHashSet<>(ledger.identities(customerId, ConsentSource.SMS_KEYWORD));
    Set<String> emails =
        new LinkedHashSet<>(ledger.identities(customerId, ConsentSource.EMAIL_UNSUBSCRIBE));
    if (!phones.isEmpty()) {
      ids.put(DataSubject.PHONE, phones);
    }
    if (!emails.isEmpty()) {
      ids.put(DataSubject.EMAIL, emails);
    }
    return ids;
  }

  @Override
  @Transactional
  public Map<String, Object> export(DataSubject subject) {
    List<ConsentEntry> entries = ledger.history(subject.customerId());
    List<Map<String, Object>> events = new ArrayList<>();
    for (ConsentEntry e : entries) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", e.id());
      row.put("purpose", e.purpose().wireName());
      row.put("channel", e.channel() == null ? "all" : e.channel());
      row.put("action", e.action().wireName());
      row.put("source", e.source().wireName());
      row.put("actor", e.actor());
      row.put("ipOrIdentity", e.ipOrIdentity());
      row.put("textVersion", e.textVersion());
      row.put("reference", e.reference());
      row.put("occurredAt", e.occurredAt().toString());
      row.put("recordedAt", e.recordedAt().toString());
      events.add(row);
    }
    ConsentHistory history = ConsentHistory.of(entries.stream().map(ConsentEntry::fact).toList());
    Instant now = clock.instant();
    Map<String, Object> state = new LinkedHashMap<>();
    for (Purpose purpose : Purpose.values()) {
      Map<String, Object> channels = new LinkedHashMap<>();
      for (Channel channel : Channel.values()) {
        Verdict v = history.decide(purpose, channel.wireName(), now);
        channels.put(
            channel.wireName(), v.allowed() ? "allowed" : "refused: " + v.refusal().wireName());
      }
      state.put(purpose.wireName(), channels);
    }
    // Staff members' identities stay out of the person's copy (Art. 15(4)): role, what, when, why.
    List<Map<String, Object>> staffActions = new ArrayList<>();
    for (AuditEntry a : audit.about(subject.customerId())) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("occurredAt", a.occurredAt().toString());
      row.put("role", a.role());
      row.put("action", a.action());
      row.put("reason", a.reason());
      staffActions.add(row);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("consent_events", events);
    data.put("consent_state", state);
    data.put("staff_actions", staffActions);
    return data;
  }

  @Override
  @Transactional
  public Map<String, Long> erase(DataSubject subject) {
    String customerId = subject.customerId();
    String hash = hasher.hash(customerId);
    Set<String> identifiers = new HashSet<>();
    identifiers.add(customerId);
    subject.identifiers().values().forEach(identifiers::addAll);
    ledger.lockCustomer(customerId);
    long events = ledger.anonymise(customerId, hash);
    long actions = audit.anonymise(customerId, hash, identifiers);
    states.erased(customerId);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("consent_event", events);
    counts.put("audit_log", actions);
    return counts;
  }
}
