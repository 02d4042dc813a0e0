package io.kilowatch.rules.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kilowatch.rules.domain.DailyUsageAbove;
import io.kilowatch.rules.domain.Energy;
import io.kilowatch.rules.domain.Rule;
import java.util.List;

/**
 * A rule as the HTTP API shows it. {@code thresholdKwh} is an exact decimal string; {@code meterId}
 * is null for a rule on all the customer's meters; instants are ISO-8601 UTC.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record RuleView(
    String id,
    String customerId,
    String kind,
    String meterId,
    String thresholdKwh,
    boolean active,
    String createdAt,
    String updatedAt) {

  static RuleView of(Rule rule) {
    String threshold = null;
    if (rule.condition() instanceof DailyUsageAbove daily) {
      threshold = Energy.whToKwh(daily.thresholdWh());
    }
    return new RuleView(
        rule.id().toString(),
        rule.customerId(),
        rule.kind().wireName(),
        rule.meterId(),
        threshold,
        rule.active(),
        rule.createdAt().toString(),
        rule.updatedAt().toString());
  }

  /** A list of rules; an object rather than a bare array so that paging can be added. */
  record Page(List<RuleView> rules) {
    static Page of(List<Rule> rules) {
      return new Page(rules.stream().map(RuleView::of).toList());
    }
  }
}
