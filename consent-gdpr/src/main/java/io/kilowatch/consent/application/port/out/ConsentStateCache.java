package io.kilowatch.consent.application.port.out;

import io.kilowatch.consent.domain.ConsentHistory;
import java.util.Optional;

/**
 * A cluster-wide cache of each person's consent history, keyed by subject hash (never the customer
 * id, so that an erased person is not findable in it). The ledger stays the source of truth.
 */
public interface ConsentStateCache {
  Optional<ConsentHistory> get(String subjectHash);

  /**
   * Stores the history unless the cache already holds a newer {@linkplain ConsentHistory#version()
   * version}: a reader that loaded before a change cannot overwrite the state after it.
   */
  void offer(String subjectHash, ConsentHistory history);

  /**
   * {@link #offer} without waiting for it: for readers, whose copy is only an optimisation and can
   * never replace a newer state.
   */
  void offerLater(String subjectHash, ConsentHistory history);

  void evict(String subjectHash);
}
