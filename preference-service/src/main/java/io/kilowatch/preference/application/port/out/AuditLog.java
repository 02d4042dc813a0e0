package io.kilowatch.preference.application.port.out;

import io.kilowatch.preference.domain.AuditEntry;
import java.util.List;

/** The append-only audit log of preference and contact point access. */
public interface AuditLog {
  void append(AuditEntry entry);

  /**
   * The customer's entries, newest first.
   *
   * @param beforeId only entries with a smaller id (for paging); null for the newest
   * @param limit at most this many
   */
  List<AuditEntry> list(String customerId, Long beforeId, int limit);
}
