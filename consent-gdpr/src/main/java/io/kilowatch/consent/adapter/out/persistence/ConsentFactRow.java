package io.kilowatch.consent.adapter.out.persistence;

import java.time.Instant;

/** The deciding columns of {@code consent.consent_event}. */
record ConsentFactRow(long id, String purpose, String channel, String action, Instant occurredAt) {}
