package io.kilowatch.rules.adapter.out.persistence;

import io.kilowatch.rules.application.port.out.RuleStore;
import io.kilowatch.rules.domain.DailyUsageAbove;
import io.kilowatch.rules.domain.Rule;
import io.kilowatch.rules.domain.RuleCondition;
import io.kilowatch.rules.domain.RuleKind;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rules in {@code rules.rule}. Thread-safe. */
@Singleton
class RulePersistenceAdapter implements RuleStore {
  private static final Logger LOG = LoggerFactory.getLogger(RulePersistenceAdapter.class);

  private final RuleMapper mapper;

  RulePersistenceAdapter(RuleMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public void lockCustomer(String customerId) {
    mapper.lock("rules.customer:" + customerId);
  }

  @Override
  public int countByCustomer(String customerId) {
    return mapper.countByCustomer(customerId);
  }

  @Override
  public List<Rule> findByCustomer(String customerId) {
    return mapper.findByCustomer(customerId).stream()
        .map(RulePersistenceAdapter::toRule)
        .flatMap(Optional::stream)
        .toList();
  }

  @Override
  public Optional<Rule> find(String customerId, UUID ruleId) {
    return Optional.ofNullable(mapper.find(customerId, ruleId.toString()))
        .flatMap(RulePersistenceAdapter::toRule);
  }

  @Override
  public void insert(Rule rule) {
    mapper.insert(toRow(rule));
  }

  @Override
  public boolean update(Rule rule) {
    return mapper.update(toRow(rule)) == 1;
  }

  @Override
  public boolean delete(String customerId, UUID ruleId) {
    return mapper.delete(customerId, ruleId.toString()) == 1;
  }

  private static RuleRow toRow(Rule rule) {
    Long thresholdWh = null;
    if (rule.condition() instanceof DailyUsageAbove daily) {
      thresholdWh = daily.thresholdWh();
    }
    return new RuleRow(
        rule.id().toString(),
        rule.customerId(),
        rule.kind().wireName(),
        rule.meterId(),
        thresholdWh,
        rule.active(),
        rule.createdAt(),
        rule.updatedAt());
  }

  /**
   * Empty for a kind this version does not know: during a rolling upgrade a newer instance may have
   * stored it; this one leaves it alone rather than failing every read of the customer.
   */
  private static Optional<Rule> toRule(RuleRow row) {
    Optional<RuleKind> kind = RuleKind.fromWire(row.kind());
    if (kind.isEmpty()) {
      LOG.warn("rule {} has kind '{}' unknown to this version; skipped", row.id(), row.kind());
      return Optional.empty();
    }
    RuleCondition condition =
        switch (kind.get()) {
          case DAILY_USAGE_ABOVE ->
              new DailyUsageAbove(Objects.requireNonNull(row.thresholdWh(), "threshold_wh"));
        };
    return Optional.of(
        new Rule(
            UUID.fromString(row.id()),
            row.customerId(),
            row.meterId(),
            condition,
            row.active(),
            row.createdAt(),
            row.updatedAt()));
  }
}
