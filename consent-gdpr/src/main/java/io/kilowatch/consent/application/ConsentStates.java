package io.kilowatch.consent.application;

import io.kilowatch.consent.application.port.out.ConsentLedger;
import io.kilowatch.consent.application.port.out.ConsentStateCache;
import io.kilowatch.consent.application.port.out.SuppressionList;
import io.kilowatch.consent.domain.ConsentHistory;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each person's current consent history: from the cache, or from the ledger and the suppression
 * list on a miss. Writers call {@link #changed} inside their transaction; the cache entry is
 * dropped at once and replaced with the committed state right after the commit, on every instance,
 * and a reader that loaded the state before the change cannot put it back (newer version wins).
 * Thread-safe.
 */
@Singleton
public class ConsentStates {
  private static final Logger LOG = LoggerFactory.getLogger(ConsentStates.class);

  private final ConsentLedger ledger;
  private final SuppressionList suppressed;
  private final ConsentStateCache cache;
  private final SubjectHasher hasher;
  private final TransactionOperations<Connection> transactions;

  ConsentStates(
      ConsentLedger ledger,
      SuppressionList suppressed,
      ConsentStateCache cache,
      SubjectHasher hasher,
      TransactionOperations<Connection> transactions) {
    this.ledger = ledger;
    this.suppressed = suppressed;
    this.cache = cache;
    this.hasher = hasher;
    this.transactions = transactions;
  }

  /** The person's history as of the latest commit the cache or the ledger knows. */
  public ConsentHistory current(String customerId) {
    String subject = hasher.hash(customerId);
    Optional<ConsentHistory> cached = cache.get(subject);
    if (cached.isPresent()) {
      return cached.get();
    }
    ConsentHistory loaded = transactions.executeRead(status -> load(customerId, subject));
    cache.offerLater(subject, loaded);
    return loaded;
  }

  /** True when the person was erased (cached like their consent). */
  public boolean isErased(String customerId) {
    return current(customerId).isErased();
  }

  /**
   * The person's consent changed in the current transaction: drops the cache entry now and stores
   * the committed state after the commit. Outside a transaction, refreshes at once.
   */
  public void changed(String customerId) {
    String subject = hasher.hash(customerId);
    cache.evict(subject);
    var status = transactions.findTransactionStatus();
    if (status.isEmpty()) {
      refresh(customerId, subject);
      return;
    }
    status
        .get()
        .registerSynchronization(
            new TransactionSynchronization() {
              @Override
              public void afterCommit() {
                try {
                  refresh(customerId, subject);
                } catch (RuntimeException e) {
                  // the entry was dropped before the commit: the next reader loads the ledger
                  LOG.warn("consent cache not refreshed after a change; it reloads on next use", e);
                }
              }
            });
  }

  /** The person was erased: from now on every instance refuses them without asking the ledger. */
  public void erased(String customerId) {
    cache.offer(hasher.hash(customerId), ConsentHistory.erased());
  }

  private void refresh(String customerId, String subject) {
    ConsentHistory fresh =
        transactions.execute(
            TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW),
            status -> load(customerId, subject));
    cache.offer(subject, fresh);
  }

  private ConsentHistory load(String customerId, String subject) {
    if (suppressed.contains(subject)) {
      return ConsentHistory.erased();
    }
    return ConsentHistory.of(ledger.facts(customerId));
  }
}
