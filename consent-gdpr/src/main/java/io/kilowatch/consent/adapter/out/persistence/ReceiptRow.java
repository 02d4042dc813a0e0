package io.kilowatch.consent.adapter.out.persistence;

import java.time.Instant;

/** One row of {@code consent.erasure_receipt}; {@code id} and {@code counts} as text. */
record ReceiptRow(
    String id,
    String subjectHash,
    String actor,
    String actorRole,
    String reason,
    String counts,
    Instant startedAt,
    Instant finishedAt,
    String contentHash) {}
