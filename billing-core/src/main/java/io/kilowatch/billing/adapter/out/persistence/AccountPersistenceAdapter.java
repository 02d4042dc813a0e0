package io.kilowatch.billing.adapter.out.persistence;

import io.kilowatch.billing.application.port.out.AccountStore;
import io.kilowatch.billing.application.port.out.MeterOwnership;
import io.kilowatch.billing.domain.Account;
import io.kilowatch.billing.domain.MeterAssignment;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Accounts and meter assignments in the {@code billing} schema. Thread-safe. */
@Singleton
class AccountPersistenceAdapter implements AccountStore, MeterOwnership {
  private final AccountMapper mapper;

  AccountPersistenceAdapter(AccountMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public void lock(String key) {
    mapper.lock(key);
  }

  @Override
  public Optional<Account> find(String customerId) {
    AccountRow row = mapper.findAccount(customerId);
    if (row == null) {
      return Optional.empty();
    }
    var meters =
        mapper.findAssignments(customerId).stream()
            .map(a -> new MeterAssignment(a.meterId(), a.assignedFrom(), a.assignedTo()))
            .toList();
    return Optional.of(
        new Account(
            row.customerId(), row.name(), row.region(), row.timeZone(), meters, row.createdAt()));
  }

  @Override
  public void insert(Account account) {
    mapper.insertAccount(
        new AccountRow(
            account.customerId(),
            account.name(),
            account.region(),
            account.timeZone(),
            account.createdAt()));
    for (MeterAssignment m : account.meters()) {
      mapper.insertAssignment(
          new AssignmentRow(account.customerId(), m.meterId(), m.assignedFrom(), m.assignedTo()));
    }
  }

  @Override
  public Map<String, String> currentOwners(Collection<String> meterIds) {
    Map<String, String> owners = new HashMap<>();
    if (meterIds.isEmpty()) {
      return owners;
    }
    for (AssignmentRow row : mapper.findCurrentAssignments(meterIds)) {
      owners.put(row.meterId(), row.customerId());
    }
    return owners;
  }
}
