package io.kilowatch.platform.gdpr;

import java.util.Map;
import java.util.Set;

/**
 * The one SPI through which a module takes part in data-subject requests (GDPR Art. 15/17/20).
 * Every module that stores personal data implements it (an architecture test holds this); the
 * consent-gdpr module orchestrates: it gathers {@link #identifiers}, then calls {@link #export} or
 * {@link #erase} on every contributor and assembles the archive or the erasure receipt.
 *
 * <p>Calls run inside the orchestrator's transaction where the module shares the database;
 * implementations must be idempotent (an erasure may be retried) and must not leave the person
 * findable by any identifier afterwards (caches included).
 */
public interface PersonalDataContributor {
  /** The module's name, e.g. {@code metering}; names its part of the archive. */
  String module();

  /** Identifiers this module holds for the customer, by kind (see {@link DataSubject}). */
  Map<String, Set<String>> identifiers(String customerId);

  /**
   * Everything this module holds about the person: dataset name → JSON-serialisable value (a list
   * of records or maps). Must not include other people's data.
   */
  Map<String, Object> export(DataSubject subject);

  /**
   * Deletes or irreversibly anonymises the person's data. Returns, per dataset, how many rows were
   * deleted or anonymised (no personal data in the answer).
   */
  Map<String, Long> erase(DataSubject subject);
}
