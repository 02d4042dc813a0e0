package io.kilowatch.consent.application;

import io.kilowatch.consent.domain.ConsentEntry;
import io.kilowatch.consent.domain.ConsentHistory;
import java.time.Instant;
import java.util.List;

/**
 * A person's consent: the ledger entries with their evidence, and the state derived from them.
 *
 * @param entries oldest first
 * @param asOf the instant the state is read at
 */
public record CustomerConsents(
    String customerId, List<ConsentEntry> entries, ConsentHistory state, Instant asOf) {}
