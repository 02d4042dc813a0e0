package io.kilowatch.consent.application.port.out;

import io.kilowatch.consent.domain.ConsentEntry;
import io.kilowatch.consent.domain.ConsentFact;
import io.kilowatch.consent.domain.ConsentSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The consent ledger in storage: append, read, and the two rewrites the law asks for (erasure,
 * retention). Calls run in the caller's transaction.
 */
public interface ConsentLedger {
  /**
   * Serialises writers of one person's consent, audit entries and erasure until the transaction
   * ends, so that ledger ids of one person grow in commit order and nothing is written for them
   * while they are being erased.
   */
  void lockCustomer(String customerId);

  /** Appends the entry; returns its id. */
  long append(ConsentEntry entry);

  /** The entry recorded earlier from the same source with the same provider reference. */
  Optional<ConsentEntry> findByReference(ConsentSource source, String reference);

  /** The person's entries, oldest first (ledger order). */
  List<ConsentEntry> history(String customerId);

  /** The deciding part of the person's entries. */
  List<ConsentFact> facts(String customerId);

  /** Channel identities (phone numbers, email addresses) the person's entries carry, by source. */
  List<String> identities(String customerId, ConsentSource source);

  /**
   * Pseudonymises the person's entries: customer id → subject hash, the person's own actor id and
   * every channel identity and provider reference removed.
   *
   * @return the number of entries changed
   */
  long anonymise(String customerId, String subjectHash);

  /**
   * Deletes up to {@code batch} entries that expired before the cutoff: superseded entries (a later
   * entry decides every channel they cover) and entries of erased people. The entries still in
   * force are proof of the current state and stay, whatever their age.
   *
   * @return the number deleted
   */
  long deleteExpired(Instant cutoff, int batch);
}
