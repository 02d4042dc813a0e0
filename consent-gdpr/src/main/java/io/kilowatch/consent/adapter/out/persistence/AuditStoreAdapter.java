package io.kilowatch.consent.adapter.out.persistence;

import io.kilowatch.consent.application.port.out.AuditStore;
import io.kilowatch.consent.domain.AuditEntry;
import io.kilowatch.consent.domain.Redaction;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The audit log in {@code consent.audit_log}. Thread-safe. */
@Singleton
class AuditStoreAdapter implements AuditStore {
  private final AuditMapper mapper;
  private final ConsentEventMapper maintenance;

  AuditStoreAdapter(AuditMapper mapper, ConsentEventMapper maintenance) {
    this.mapper = mapper;
    this.maintenance = maintenance;
  }

  @Override
  public long append(AuditEntry e) {
    return mapper.insert(
        new AuditRow(
            0,
            e.occurredAt(),
            e.actor(),
            e.role(),
            e.action(),
            e.customerId(),
            e.subjectErased(),
            e.reason(),
            e.detailsJson()));
  }

  @Override
  public List<AuditEntry> find(
      String actor,
      Collection<String> customerIds,
      String action,
      Instant from,
      Instant to,
      Long before,
      int limit) {
    return mapper.find(actor, customerIds, action, from, to, before, limit).stream()
        .map(AuditStoreAdapter::toEntry)
        .toList();
  }

  @Override
  public List<AuditEntry> about(String customerId) {
    return mapper.about(customerId).stream().map(AuditStoreAdapter::toEntry).toList();
  }

  @Override
  public long anonymise(String customerId, String subjectHash, Collection<String> identifiers) {
    List<AuditRow> rows = mapper.about(customerId);
    if (rows.isEmpty()) {
      return 0;
    }
    maintenance.maintenance("erasure");
    long n = 0;
    for (AuditRow row : rows) {
      n +=
          mapper.anonymise(
              row.id(),
              subjectHash,
              Redaction.redact(row.reason(), identifiers),
              Redaction.redact(row.details(), identifiers));
    }
    maintenance.maintenance("");
    return n;
  }

  @Override
  public long deleteExpired(Instant cutoff, int batch) {
    maintenance.maintenance("retention");
    long n = mapper.deleteExpired(cutoff, batch);
    maintenance.maintenance("");
    return n;
  }

  private static AuditEntry toEntry(AuditRow r) {
    return new AuditEntry(
        r.id(),
        r.occurredAt(),
        r.actor(),
        r.actorRole(),
        r.action(),
        r.customerId(),
        r.subjectErased(),
        r.reason(),
        r.details());
  }
}
