package io.kilowatch.rules.adapter.out.persistence;

import io.kilowatch.rules.domain.FiringLedger;
import io.kilowatch.rules.domain.RuleFiring;
import jakarta.inject.Singleton;

/**
 * The firing ledger in {@code rules.rule_firing}: its primary key (rule, window) makes {@link
 * #recordFirst} atomic across threads and instances. Thread-safe.
 */
@Singleton
class FiringLedgerAdapter implements FiringLedger {
  private final RuleFiringMapper mapper;

  FiringLedgerAdapter(RuleFiringMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public boolean recordFirst(RuleFiring firing) {
    return mapper.insert(
            firing.ruleId().toString(),
            firing.windowStart(),
            firing.firedAt(),
            firing.notificationId().toString())
        == 1;
  }
}
