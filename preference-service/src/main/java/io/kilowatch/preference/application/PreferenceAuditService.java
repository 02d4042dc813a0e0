package io.kilowatch.preference.application;

import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.preference.application.port.out.AuditLog;
import io.kilowatch.preference.domain.AuditEntry;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;

/** Reads a customer's audit log; the reading is itself audited. Thread-safe. */
@Singleton
public class PreferenceAuditService {
  public static final int MAX_LIMIT = 500;

  private final AuditLog log;
  private final AuditTrail audit;

  PreferenceAuditService(AuditLog log, AuditTrail audit) {
    this.log = log;
    this.audit = audit;
  }

  /**
   * The customer's entries, newest first.
   *
   * @param beforeId only entries older than this one (the last id of the previous page), or null
   * @param limit 1 to {@value #MAX_LIMIT}
   * @throws InvalidInputException naming {@code limit} or {@code before}
   */
  @Transactional
  public List<AuditEntry> list(Actor actor, String customerId, Long beforeId, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw InvalidInputException.of("limit", "must be from 1 to " + MAX_LIMIT);
    }
    if (beforeId != null && beforeId < 1) {
      throw InvalidInputException.of("before", "must be an entry id (a positive number)");
    }
    List<AuditEntry> entries = log.list(customerId, beforeId, limit);
    // recorded after reading, so the answer does not contain its own entry
    audit.read(
        actor,
        customerId,
        AuditActions.AUDIT_READ,
        null,
        "read " + entries.size() + " audit entries");
    return entries;
  }
}
