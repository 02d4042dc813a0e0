package io.kilowatch.rules.adapter.out.persistence;

import io.kilowatch.rules.application.port.out.RuleStore;
import io.kilowatch.rules.domain.BillingAlert;
import io.kilowatch.rules.domain.BillingPeriodUsageAbove;
import io.kilowatch.rules.domain.Channel;
import io.kilowatch.rules.domain.Cooldown;
import io.kilowatch.rules.domain.DailyUsageAbove;
import io.kilowatch.rules.domain.DayAheadDigest;
import io.kilowatch.rules.domain.Money;
import io.kilowatch.rules.domain.OutageAlert;
import io.kilowatch.rules.domain.PeriodCostAbove;
import io.kilowatch.rules.domain.PriceThreshold;
import io.kilowatch.rules.domain.PriceTiming;
import io.kilowatch.rules.domain.PriceTrigger;
import io.kilowatch.rules.domain.ProjectedBillAbove;
import io.kilowatch.rules.domain.Rule;
import io.kilowatch.rules.domain.RuleCondition;
import io.kilowatch.rules.domain.RuleKind;
import io.kilowatch.rules.domain.UsageAboveBaseline;
import io.kilowatch.rules.domain.WeeklyUsageAbove;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rules in {@code rules.rule}, with their state row in {@code rules.rule_state}. Thread-safe. */
@Singleton
class RulePersistenceAdapter implements RuleStore {
  private static final Logger LOG = LoggerFactory.getLogger(RulePersistenceAdapter.class);

  private final RuleMapper mapper;
  private final RuleStateMapper states;

  RulePersistenceAdapter(RuleMapper mapper, RuleStateMapper states) {
    this.mapper = mapper;
    this.states = states;
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
    return toRules(mapper.findByCustomer(customerId));
  }

  @Override
  public Optional<Rule> find(String customerId, UUID ruleId) {
    return Optional.ofNullable(mapper.find(customerId, ruleId.toString()))
        .flatMap(RulePersistenceAdapter::toRule);
  }

  @Override
  public void insert(Rule rule) {
    mapper.insert(toRow(rule));
    states.insert(rule.id().toString(), rule.updatedAt());
  }

  @Override
  public boolean update(Rule rule, boolean rearm) {
    boolean updated = mapper.update(toRow(rule)) == 1;
    if (updated && rearm) {
      states.rearmBoth(rule.id().toString(), rule.updatedAt());
    }
    return updated;
  }

  @Override
  public boolean delete(String customerId, UUID ruleId) {
    return mapper.delete(customerId, ruleId.toString()) == 1;
  }

  @Override
  public List<Rule> pageByRegion(
      RuleKind kind, String region, String tariff, UUID afterId, int limit) {
    return toRules(
        mapper.pageByRegion(
            kind.wireName(), region, tariff == null ? "" : tariff, afterId.toString(), limit));
  }

  @Override
  public List<Rule> pageNotifiedFor(String cause, RuleKind kind, UUID afterId, int limit) {
    return toRules(mapper.pageNotifiedFor(cause, kind.wireName(), afterId.toString(), limit));
  }

  private static List<Rule> toRules(List<RuleRow> rows) {
    List<Rule> rules = new ArrayList<>(rows.size());
    for (RuleRow row : rows) {
      toRule(row).ifPresent(rules::add);
    }
    return rules;
  }

  static RuleRow toRow(Rule rule) {
    RowValues v = new RowValues();
    RuleCondition c = rule.condition();
    if (c instanceof DailyUsageAbove daily) {
      v.thresholdWh = daily.thresholdWh();
    } else if (c instanceof WeeklyUsageAbove weekly) {
      v.thresholdWh = weekly.thresholdWh();
    } else if (c instanceof BillingPeriodUsageAbove period) {
      v.thresholdWh = period.thresholdWh();
    } else if (c instanceof UsageAboveBaseline baseline) {
      v.percent = baseline.percent();
    } else if (c instanceof ProjectedBillAbove projected) {
      v.money(projected.budget());
    } else if (c instanceof PeriodCostAbove cost) {
      v.money(cost.threshold());
    } else if (c instanceof PriceThreshold price) {
      v.region = price.region();
      v.tariff = price.tariff();
      v.timing = price.timing().wireName();
      if (price.above() != null) {
        v.above = price.above().level();
        v.aboveReset = price.above().reset();
      }
      if (price.below() != null) {
        v.below = price.below().level();
        v.belowReset = price.below().reset();
      }
    } else if (c instanceof DayAheadDigest digest) {
      v.region = digest.region();
      v.tariff = digest.tariff();
    } else if (c instanceof OutageAlert outage) {
      v.region = outage.region();
    }
    return new RuleRow(
        rule.id().toString(),
        rule.customerId(),
        rule.kind().wireName(),
        rule.meterId(),
        v.thresholdWh,
        v.percent,
        v.amount,
        v.currency,
        v.region,
        v.tariff,
        v.timing,
        v.above,
        v.aboveReset,
        v.below,
        v.belowReset,
        channelsText(rule.channels()),
        rule.cooldown().wireName(),
        rule.active(),
        rule.revision(),
        rule.createdAt(),
        rule.updatedAt());
  }

  /**
   * Empty for a kind this version does not know: during a rolling upgrade a newer instance may have
   * stored it; this one leaves it alone rather than failing every read of the customer.
   */
  static Optional<Rule> toRule(RuleRow row) {
    Optional<RuleKind> kind = RuleKind.fromWire(row.kind());
    Optional<Cooldown> cooldown = Cooldown.tryParse(row.cooldown());
    if (kind.isEmpty() || cooldown.isEmpty()) {
      LOG.warn(
          "rule {} has kind '{}' / cooldown '{}' unknown to this version; skipped",
          row.id(),
          row.kind(),
          row.cooldown());
      return Optional.empty();
    }
    return Optional.of(
        new Rule(
            UUID.fromString(row.id()),
            row.customerId(),
            row.meterId(),
            condition(kind.get(), row),
            channels(row.channels()),
            cooldown.get(),
            row.active(),
            row.revision(),
            row.createdAt(),
            row.updatedAt()));
  }

  private static RuleCondition condition(RuleKind kind, RuleRow row) {
    return switch (kind) {
      case DAILY_USAGE_ABOVE -> new DailyUsageAbove(required(row.thresholdWh(), "threshold_wh"));
      case WEEKLY_USAGE_ABOVE -> new WeeklyUsageAbove(required(row.thresholdWh(), "threshold_wh"));
      case BILLING_PERIOD_USAGE_ABOVE ->
          new BillingPeriodUsageAbove(required(row.thresholdWh(), "threshold_wh"));
      case USAGE_ABOVE_BASELINE -> new UsageAboveBaseline(required(row.percent(), "percent"));
      case PROJECTED_BILL_ABOVE -> new ProjectedBillAbove(money(row));
      case PERIOD_COST_ABOVE -> new PeriodCostAbove(money(row));
      case PRICE_THRESHOLD ->
          new PriceThreshold(
              row.region(),
              row.tariff(),
              PriceTiming.fromWire(row.priceTiming()).orElseThrow(),
              row.aboveMicros() == null
                  ? null
                  : new PriceTrigger(row.aboveMicros(), row.aboveResetMicros()),
              row.belowMicros() == null
                  ? null
                  : new PriceTrigger(row.belowMicros(), row.belowResetMicros()));
      case PRICE_DAY_AHEAD_DIGEST -> new DayAheadDigest(row.region(), row.tariff());
      case OUTAGE -> new OutageAlert(row.region());
      case BILL_ISSUED, PAYMENT_DUE, PAYMENT_OVERDUE -> new BillingAlert(kind);
    };
  }

  private static <T> T required(T value, String column) {
    return Objects.requireNonNull(value, column);
  }

  private static Money money(RuleRow row) {
    BigDecimal amount = required(row.amount(), "amount");
    return new Money(amount, required(row.currency(), "currency"));
  }

  static String channelsText(List<Channel> channels) {
    return channels.isEmpty()
        ? null
        : channels.stream().map(Channel::wireName).collect(Collectors.joining(","));
  }

  static List<Channel> channels(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split(","))
        .map(name -> Channel.fromWire(name).orElseThrow())
        .toList();
  }

  /** The kind-specific columns of one row, filled per kind. */
  private static final class RowValues {
    Long thresholdWh;
    Integer percent;
    BigDecimal amount;
    String currency;
    String region;
    String tariff;
    String timing;
    Long above;
    Long aboveReset;
    Long below;
    Long belowReset;

    void money(Money m) {
      amount = m.amount();
      currency = m.currency();
    }
  }
}
