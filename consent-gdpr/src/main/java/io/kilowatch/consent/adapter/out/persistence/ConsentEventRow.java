package io.kilowatch.consent.adapter.out.persistence;

import java.time.Instant;

/** One row of {@code consent.consent_event}. */
record ConsentEventRow(
    long id,
    String customerId,
    String purpose,
    String channel,
    String action,
    String source,
    String actor,
    String ipOrIdentity,
    String textVersion,
    String reference,
    Instant occurredAt,
    Instant recordedAt) {}
