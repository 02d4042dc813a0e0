package io.kilowatch.consent.adapter.out.persistence;

import java.time.Instant;

/** One row of {@code consent.audit_log}; {@code details} as JSON text. */
record AuditRow(
    long id,
    Instant occurredAt,
    String actor,
    String actorRole,
    String action,
    String customerId,
    boolean subjectErased,
    String reason,
    String details) {}
