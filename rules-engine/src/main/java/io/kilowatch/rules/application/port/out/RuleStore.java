package io.kilowatch.rules.application.port.out;

import io.kilowatch.rules.domain.Rule;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Customers' rules in the rules engine's storage. Calls run in the caller's transaction. */
public interface RuleStore {
  /** Serialises writers of one customer's rules until the current transaction ends. */
  void lockCustomer(String customerId);

  int countByCustomer(String customerId);

  /** The customer's rules, oldest first. */
  List<Rule> findByCustomer(String customerId);

  /** The rule if it exists and is the customer's. */
  Optional<Rule> find(String customerId, UUID ruleId);

  void insert(Rule rule);

  /** Stores the rule's state and condition; false when it no longer exists. */
  boolean update(Rule rule);

  /** Deletes the rule and its firings; false when it was not the customer's or did not exist. */
  boolean delete(String customerId, UUID ruleId);
}
