package io.kilowatch.billing.application.port.out;

import io.kilowatch.billing.domain.Account;
import java.util.Optional;

/**
 * Accounts and their meter assignments in billing's storage. Calls run in the caller's transaction.
 */
public interface AccountStore {
  /**
   * Serialises writers that touch the same keys until the current transaction ends. Callers lock in
   * a fixed order (customer first, then meters sorted) so that two writers never deadlock.
   */
  void lock(String key);

  Optional<Account> find(String customerId);

  /** Stores a new account with its meter assignments. */
  void insert(Account account);
}
