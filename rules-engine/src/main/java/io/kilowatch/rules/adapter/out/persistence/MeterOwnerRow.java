package io.kilowatch.rules.adapter.out.persistence;

import java.time.Instant;

/** One row of {@code rules.meter_owner}. */
record MeterOwnerRow(
    String meterId, String customerId, String region, String timeZone, Instant assignedFrom) {}
