package io.kilowatch.preference.adapter.out.persistence;

import java.time.Instant;

/** One row of {@code preference.verification_code}. */
record VerificationRow(
    String contactPointId, String codeHash, Instant issuedAt, Instant expiresAt, int attempts) {}
