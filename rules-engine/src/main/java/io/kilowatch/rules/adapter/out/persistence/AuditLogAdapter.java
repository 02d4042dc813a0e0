package io.kilowatch.rules.adapter.out.persistence;

import io.kilowatch.rules.application.port.out.AuditLog;
import jakarta.inject.Singleton;
import java.util.List;

/** Staff access to rules in {@code rules.audit_log}. Thread-safe. */
@Singleton
class AuditLogAdapter implements AuditLog {
  private final AuditMapper mapper;

  AuditLogAdapter(AuditMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public void append(Entry entry) {
    mapper.insert(entry);
  }

  @Override
  public List<Entry> list(String customerId, Long beforeId, int limit) {
    return mapper.list(customerId, beforeId, limit);
  }
}
