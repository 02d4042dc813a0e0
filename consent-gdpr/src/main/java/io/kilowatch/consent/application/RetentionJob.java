package io.kilowatch.consent.application;

import io.kilowatch.consent.application.port.out.AuditStore;
import io.kilowatch.consent.application.port.out.ConsentLedger;
import io.kilowatch.consent.application.port.out.ReceiptStore;
import io.kilowatch.platform.gdpr.RetentionPolicy;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes this module's expired rows: superseded consent entries and entries of erased people
 * ({@code consent-events}), audit entries ({@code audit-log}), erasure receipts ({@code
 * erasure-receipts}, kept forever by default). Batches of {@code batch-size} rows, each in its own
 * transaction; instances running it at once share the work ({@code SKIP LOCKED}). The suppression
 * list is never deleted. Thread-safe.
 */
@Singleton
public class RetentionJob {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

  private final RetentionPolicy policy;
  private final ConsentLedger ledger;
  private final AuditStore audit;
  private final ReceiptStore receipts;
  private final RetentionJobSettings settings;
  private final TransactionOperations<Connection> transactions;
  private final Clock clock;

  RetentionJob(
      RetentionPolicy policy,
      ConsentLedger ledger,
      AuditStore audit,
      ReceiptStore receipts,
      RetentionJobSettings settings,
      TransactionOperations<Connection> transactions,
      Clock clock) {
    this.policy = policy;
    this.ledger = ledger;
    this.audit = audit;
    this.receipts = receipts;
    this.settings = settings;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Runs once now; returns how many rows were deleted per data type. */
  public Map<String, Long> run() {
    Instant now = clock.instant();
    Map<String, Long> deleted = new LinkedHashMap<>();
    deleted.put(
        RetentionPolicy.CONSENT_EVENTS,
        purge(RetentionPolicy.CONSENT_EVENTS, now, ledger::deleteExpired));
    deleted.put(
        RetentionPolicy.AUDIT_LOG, purge(RetentionPolicy.AUDIT_LOG, now, audit::deleteExpired));
    deleted.put(
        RetentionPolicy.ERASURE_RECEIPTS,
        purge(RetentionPolicy.ERASURE_RECEIPTS, now, receipts::deleteExpired));
    LOG.info("retention run at {} deleted {}", now, deleted);
    return deleted;
  }

  private long purge(String dataType, Instant now, BiFunction<Instant, Integer, Long> delete) {
    Optional<Instant> cutoff = policy.expiresBefore(dataType, now);
    if (cutoff.isEmpty()) {
      return 0;
    }
    int batch = settings.getBatchSize();
    long total = 0;
    long n;
    do {
      n = transactions.executeWrite(status -> delete.apply(cutoff.get(), batch));
      total += n;
    } while (n >= batch);
    return total;
  }
}
