package io.kilowatch.rules.adapter.out.persistence;

import java.math.BigDecimal;
import java.time.Instant;

/** One row of {@code rules.rule}; {@code id} as text, each kind's parameters in their columns. */
record RuleRow(
    String id,
    String customerId,
    String kind,
    String meterId,
    Long thresholdWh,
    Integer percent,
    BigDecimal amount,
    String currency,
    String region,
    String tariff,
    String priceTiming,
    Long aboveMicros,
    Long aboveResetMicros,
    Long belowMicros,
    Long belowResetMicros,
    String channels,
    String cooldown,
    boolean active,
    int revision,
    Instant createdAt,
    Instant updatedAt) {}
