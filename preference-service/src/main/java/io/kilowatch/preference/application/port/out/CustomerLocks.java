package io.kilowatch.preference.application.port.out;

/**
 * Serialises changes to one customer's preference data across instances, until the transaction
 * ends: counting before inserting, and before/after images in the audit log, stay exact.
 */
public interface CustomerLocks {
  void lock(String customerId);
}
