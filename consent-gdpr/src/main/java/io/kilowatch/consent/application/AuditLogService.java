package io.kilowatch.consent.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.consent.AuditLog;
import io.kilowatch.consent.application.port.in.AuditQuery;
import io.kilowatch.consent.application.port.out.AuditStore;
import io.kilowatch.consent.application.port.out.ConsentLedger;
import io.kilowatch.consent.application.port.out.SuppressionList;
import io.kilowatch.consent.domain.AuditEntry;
import io.kilowatch.consent.domain.Redaction;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The audit log: records staff actions from every module and answers compliance officers. An action
 * about a person who was already erased is recorded against their subject hash only. Thread-safe.
 */
@Singleton
public class AuditLogService implements AuditLog {
  private final AuditStore store;
  private final ConsentLedger ledger;
  private final SuppressionList suppressed;
  private final SubjectHasher hasher;
  private final ObjectMapper json;
  private final Clock clock;

  AuditLogService(
      AuditStore store,
      ConsentLedger ledger,
      SuppressionList suppressed,
      SubjectHasher hasher,
      ObjectMapper json,
      Clock clock) {
    this.store = store;
    this.ledger = ledger;
    this.suppressed = suppressed;
    this.hasher = hasher;
    this.json = json;
    this.clock = clock;
  }

  @Override
  @Transactional
  public void record(
      String actor,
      String role,
      String action,
      String customerId,
      String reason,
      Map<String, ?> details) {
    append(actor, role, action, customerId, reason, details);
  }

  /** Records the action and returns the stored entry; see {@link #record}. */
  @Transactional
  public AuditEntry append(
      String actor,
      String role,
      String action,
      String customerId,
      String reason,
      Map<String, ?> details) {
    requireText("actor", actor);
    requireText("role", role);
    requireText("action", action);
    String detailsJson = details == null || details.isEmpty() ? null : toJson(details);
    String subject = customerId;
    boolean erased = false;
    if (customerId != null) {
      // under the person's lock: an erasure running now either sees this entry or came first
      ledger.lockCustomer(customerId);
      String hash = hasher.hash(customerId);
      if (suppressed.contains(hash)) {
        List<String> ids = List.of(customerId);
        subject = hash;
        erased = true;
        reason = Redaction.redact(reason, ids);
        detailsJson = Redaction.redact(detailsJson, ids);
      }
    }
    AuditEntry entry =
        new AuditEntry(0, now(), actor, role, action, subject, erased, reason, detailsJson);
    long id = store.append(entry);
    return new AuditEntry(
        id,
        entry.occurredAt(),
        actor,
        role,
        action,
        subject,
        erased,
        entry.reason(),
        entry.detailsJson());
  }

  /**
   * The entries matching the query, newest first. A customer id also finds the entries about them
   * kept under their subject hash after their erasure.
   */
  @Transactional(readOnly = true)
  public List<AuditEntry> find(AuditQuery query) {
    List<String> subjects = null;
    if (query.customerId() != null) {
      subjects = new ArrayList<>(List.of(query.customerId(), hasher.hash(query.customerId())));
    }
    return store.find(
        query.actor(),
        subjects,
        query.action(),
        query.from(),
        query.to(),
        query.before(),
        query.limit());
  }

  private String toJson(Map<String, ?> details) {
    try {
      return json.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("audit details are not JSON-serialisable", e);
    }
  }

  private static void requireText(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("audit " + name + " is required");
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
