package io.kilowatch.consent;

import java.time.Instant;

/**
 * A ledger entry as recorded. Immutable.
 *
 * @param id ledger id
 * @param purpose {@code service}, {@code marketing} or {@code analytics}
 * @param channel the channel's wire name, or null for every channel
 * @param action {@code granted} or {@code withdrawn}
 * @param occurredAt when the person expressed it
 * @param recordedAt when it was stored
 * @param repeated true when the same source and reference had been recorded before and this is that
 *     earlier entry
 */
public record RecordedConsent(
    long id,
    String customerId,
    String purpose,
    String channel,
    String action,
    Instant occurredAt,
    Instant recordedAt,
    boolean repeated) {}
