package io.kilowatch.billing.adapter.out.persistence;

import java.time.Instant;

/** One row of {@code billing.account}. */
record AccountRow(
    String customerId, String name, String region, String timeZone, Instant createdAt) {}
