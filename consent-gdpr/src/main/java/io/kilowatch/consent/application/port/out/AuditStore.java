package io.kilowatch.consent.application.port.out;

import io.kilowatch.consent.domain.AuditEntry;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The audit log in storage. Calls run in the caller's transaction. */
public interface AuditStore {
  /** Appends the entry; returns its id. */
  long append(AuditEntry entry);

  /**
   * Entries matching every given filter (null = any), newest first.
   *
   * @param customerIds matches entries about any of these (an id and its subject hash)
   * @param before only entries with an id below this one (paging); null for the newest
   */
  List<AuditEntry> find(
      String actor,
      Collection<String> customerIds,
      String action,
      Instant from,
      Instant to,
      Long before,
      int limit);

  /** Every entry about the person, oldest first. */
  List<AuditEntry> about(String customerId);

  /**
   * Replaces the person's customer id by the subject hash and redacts their identifiers from reason
   * and details.
   *
   * @return the number of entries changed
   */
  long anonymise(String customerId, String subjectHash, Collection<String> identifiers);

  /** Deletes up to {@code batch} entries older than the cutoff; returns the number deleted. */
  long deleteExpired(Instant cutoff, int batch);
}
