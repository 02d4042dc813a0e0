package io.kilowatch.rules.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kilowatch.rules.domain.BillingPeriodUsageAbove;
import io.kilowatch.rules.domain.Channel;
import io.kilowatch.rules.domain.DailyUsageAbove;
import io.kilowatch.rules.domain.DayAheadDigest;
import io.kilowatch.rules.domain.Energy;
import io.kilowatch.rules.domain.Money;
import io.kilowatch.rules.domain.OutageAlert;
import io.kilowatch.rules.domain.PeriodCostAbove;
import io.kilowatch.rules.domain.PriceLevel;
import io.kilowatch.rules.domain.PriceThreshold;
import io.kilowatch.rules.domain.PriceTrigger;
import io.kilowatch.rules.domain.ProjectedBillAbove;
import io.kilowatch.rules.domain.Rule;
import io.kilowatch.rules.domain.RuleCondition;
import io.kilowatch.rules.domain.UsageAboveBaseline;
import io.kilowatch.rules.domain.WeeklyUsageAbove;
import java.util.List;

/**
 * A rule as the HTTP API shows it. Always present: id, customerId, kind, category, meterId (null
 * for all meters or none), channels (null: the customer's preferences), cooldown, active,
 * createdAt, updatedAt. The kind's own fields only for its kind: thresholdKwh, percent, amount and
 * currency, region, tariff, timing, above, aboveReset, below, belowReset. Numbers are exact decimal
 * strings; instants ISO-8601 UTC.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record RuleView(
    String id,
    String customerId,
    String kind,
    String category,
    String meterId,
    @JsonInclude(JsonInclude.Include.NON_NULL) String thresholdKwh,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer percent,
    @JsonInclude(JsonInclude.Include.NON_NULL) String amount,
    @JsonInclude(JsonInclude.Include.NON_NULL) String currency,
    @JsonInclude(JsonInclude.Include.NON_NULL) String region,
    @JsonInclude(JsonInclude.Include.NON_NULL) String tariff,
    @JsonInclude(JsonInclude.Include.NON_NULL) String timing,
    @JsonInclude(JsonInclude.Include.NON_NULL) String above,
    @JsonInclude(JsonInclude.Include.NON_NULL) String aboveReset,
    @JsonInclude(JsonInclude.Include.NON_NULL) String below,
    @JsonInclude(JsonInclude.Include.NON_NULL) String belowReset,
    List<String> channels,
    String cooldown,
    boolean active,
    String createdAt,
    String updatedAt) {

  static RuleView of(Rule rule) {
    Fields f = new Fields();
    RuleCondition c = rule.condition();
    if (c instanceof DailyUsageAbove daily) {
      f.thresholdKwh = Energy.whToKwh(daily.thresholdWh());
    } else if (c instanceof WeeklyUsageAbove weekly) {
      f.thresholdKwh = Energy.whToKwh(weekly.thresholdWh());
    } else if (c instanceof BillingPeriodUsageAbove period) {
      f.thresholdKwh = Energy.whToKwh(period.thresholdWh());
    } else if (c instanceof UsageAboveBaseline baseline) {
      f.percent = baseline.percent();
    } else if (c instanceof ProjectedBillAbove projected) {
      f.money(projected.budget());
    } else if (c instanceof PeriodCostAbove cost) {
      f.money(cost.threshold());
    } else if (c instanceof PriceThreshold price) {
      f.region = price.region();
      f.tariff = price.tariff();
      f.timing = price.timing().wireName();
      f.above = level(price.above());
      f.aboveReset = reset(price.above());
      f.below = level(price.below());
      f.belowReset = reset(price.below());
    } else if (c instanceof DayAheadDigest digest) {
      f.region = digest.region();
      f.tariff = digest.tariff();
    } else if (c instanceof OutageAlert outage) {
      f.region = outage.region();
    }
    return new RuleView(
        rule.id().toString(),
        rule.customerId(),
        rule.kind().wireName(),
        rule.category().name().toLowerCase(java.util.Locale.ROOT),
        rule.meterId(),
        f.thresholdKwh,
        f.percent,
        f.amount,
        f.currency,
        f.region,
        f.tariff,
        f.timing,
        f.above,
        f.aboveReset,
        f.below,
        f.belowReset,
        rule.channels().isEmpty() ? null : rule.channels().stream().map(Channel::wireName).toList(),
        rule.cooldown().wireName(),
        rule.active(),
        rule.createdAt().toString(),
        rule.updatedAt().toString());
  }

  private static String level(PriceTrigger t) {
    return t == null ? null : PriceLevel.text(t.level());
  }

  private static String reset(PriceTrigger t) {
    return t == null || t.reset() == null ? null : PriceLevel.text(t.reset());
  }

  private static final class Fields {
    String thresholdKwh;
    Integer percent;
    String amount;
    String currency;
    String region;
    String tariff;
    String timing;
    String above;
    String aboveReset;
    String below;
    String belowReset;

    void money(Money m) {
      amount = m.text();
      currency = m.currency();
    }
  }

  /** A list of rules; an object rather than a bare array so that paging can be added. */
  record Page(List<RuleView> rules) {
    static Page of(List<Rule> rules) {
      return new Page(rules.stream().map(RuleView::of).toList());
    }
  }
}
