package io.kilowatch.platform.gdpr;

import java.time.Instant;

/**
 * One module's deletion of one data type's expired rows, run by {@link RetentionJobs} on the
 * schedule {@code kilowatch.retention-job.*}. A module provides one bean per data type it owns
 * (e.g. metering for {@link RetentionPolicy#READINGS}); the period comes from {@link
 * RetentionPolicy}, the SQL stays in the module that owns the table.
 */
public interface RetentionTask {
  /** The data type, a key of {@code kilowatch.retention.*}. */
  String dataType();

  /**
   * Deletes at most {@code limit} rows older than {@code cutoff} (per table, the caller repeats
   * until fewer come back) and returns how many went. Runs inside a transaction the caller opened;
   * should lock with {@code FOR UPDATE SKIP LOCKED} so several instances share the work.
   */
  long deleteExpired(Instant cutoff, int limit);
}
