package io.kilowatch.rules.application.port.out;

import io.kilowatch.rules.domain.Rule;
import io.kilowatch.rules.domain.RuleKind;
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

  /** Stores a new rule with its state (armed, never notified). */
  void insert(Rule rule);

  /**
   * Stores the rule's new revision; false when it no longer exists or changed meanwhile. With
   * {@code rearm} its state is armed again (its condition or activity changed).
   */
  boolean update(Rule rule, boolean rearm);

  /** Deletes the rule, its state and its firings; false when it was not the customer's. */
  boolean delete(String customerId, UUID ruleId);

  /**
   * One page of the active rules of {@code kind} in {@code region} (and {@code tariff}; null for
   * none) with an id after {@code afterId}, in id order.
   */
  List<Rule> pageByRegion(RuleKind kind, String region, String tariff, UUID afterId, int limit);

  /**
   * One page of the active rules of {@code kind} that notified (not held back) for {@code cause},
   * with an id after {@code afterId}, in id order.
   */
  List<Rule> pageNotifiedFor(String cause, RuleKind kind, UUID afterId, int limit);

  /**
   * The smallest UUID in PostgreSQL's order (unsigned bytes: the nil UUID, which no rule has), to
   * start paging. Not Java's {@code UUID.compareTo} order, which compares signed longs.
   */
  UUID FIRST = new UUID(0, 0);
}
