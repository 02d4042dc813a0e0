package io.kilowatch.preference.adapter.out.persistence;

import java.time.Instant;

/** One row of {@code preference.audit_log}; {@code before} and {@code after} as JSON text. */
record AuditRow(
    Long id,
    Instant at,
    String actor,
    String actorRoles,
    String customerId,
    String action,
    String target,
    String before,
    String after,
    String summary,
    String reason) {}
