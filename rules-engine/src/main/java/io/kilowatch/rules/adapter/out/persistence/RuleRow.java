package io.kilowatch.rules.adapter.out.persistence;

import java.time.Instant;

/** One row of {@code rules.rule}; {@code id} as text. */
record RuleRow(
    String id,
    String customerId,
    String kind,
    String meterId,
    Long thresholdWh,
    boolean active,
    Instant createdAt,
    Instant updatedAt) {}
