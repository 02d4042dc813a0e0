package io.kilowatch.rules.domain;

import java.util.Objects;

/**
 * Fires when the billing period's cost so far is above {@code threshold} (strictly), once per
 * billing period.
 *
 * @param threshold positive amount
 */
public record PeriodCostAbove(Money threshold) implements RuleCondition {
  public PeriodCostAbove {
    Objects.requireNonNull(threshold, "threshold");
  }

  @Override
  public RuleKind kind() {
    return RuleKind.PERIOD_COST_ABOVE;
  }
}
