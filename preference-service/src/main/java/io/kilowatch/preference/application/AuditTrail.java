package io.kilowatch.preference.application;

import io.kilowatch.preference.application.port.out.AuditLog;
import io.kilowatch.preference.domain.AuditEntry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Writes the audit log in the caller's transaction, so an entry exists exactly when its change
 * does. Every change is recorded, whoever makes it; reads only when staff make them. Thread-safe.
 */
@Singleton
class AuditTrail {
  private final AuditLog log;
  private final Clock clock;

  AuditTrail(AuditLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  void changed(
      Actor actor,
      String customerId,
      String action,
      String target,
      Map<String, Object> before,
      Map<String, Object> after,
      String summary) {
    append(actor, customerId, action, target, before, after, summary);
  }

  void read(Actor actor, String customerId, String action, String target, String summary) {
    if (actor.isStaff()) {
      append(actor, customerId, action, target, null, null, summary);
    }
  }

  private void append(
      Actor actor,
      String customerId,
      String action,
      String target,
      Map<String, Object> before,
      Map<String, Object> after,
      String summary) {
    Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
    log.append(
        new AuditEntry(
            null,
            at,
            actor.id(),
            actor.rolesText(),
            customerId,
            action,
            target,
            before,
            after,
            summary,
            actor.reason()));
  }
}
