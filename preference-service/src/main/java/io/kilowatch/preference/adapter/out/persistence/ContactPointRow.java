package io.kilowatch.preference.adapter.out.persistence;

import java.time.Instant;

/** One row of {@code preference.contact_point}; enums by name, id as text. */
record ContactPointRow(
    String id,
    String customerId,
    String channel,
    String address,
    boolean verified,
    Instant createdAt,
    String platform,
    Instant verifiedAt) {}
