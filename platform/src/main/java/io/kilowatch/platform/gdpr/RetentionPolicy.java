package io.kilowatch.platform.gdpr;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How long each type of data is kept, configured in one place ({@code
 * kilowatch.retention.<data-type>}). The period is configured here; the deletion stays with the
 * module that owns the table, through a {@link RetentionTask} (or its own job). Thread-safe.
 */
public interface RetentionPolicy {
  /** Meter readings and their aggregates (metering-ingest). */
  String READINGS = "readings";

  /**
   * Notifications, dispatch claims, delivery attempts, provider status reports and dead letters
   * (delivery).
   */
  String DELIVERY_RECORDS = "delivery-records";

  /** Staff actions in {@code consent.audit_log}. */
  String AUDIT_LOG = "audit-log";

  /** Superseded entries of the consent ledger, and entries of erased people. */
  String CONSENT_EVENTS = "consent-events";

  /** Erasure receipts (no personal data). */
  String ERASURE_RECEIPTS = "erasure-receipts";

  /**
   * Rows of the data type older than the returned instant are expired at {@code now}.
   *
   * @return empty when the data type is kept forever
   * @throws IllegalArgumentException for a data type that has no configured period and no default
   */
  Optional<Instant> expiresBefore(String dataType, Instant now);

  /** Every data type with its period as configured ({@code P6Y}, {@code forever}). */
  Map<String, String> periods();
}
