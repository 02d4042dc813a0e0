package io.kilowatch.rules.domain;

import java.util.Objects;

/**
 * Fires when billing projects the period's bill above {@code budget} (strictly), once per billing
 * period (the way Opower's high-bill alert works).
 *
 * @param budget the customer's budget for one billing period, positive
 */
public record ProjectedBillAbove(Money budget) implements RuleCondition {
  public ProjectedBillAbove {
    Objects.requireNonNull(budget, "budget");
  }

  @Override
  public RuleKind kind() {
    return RuleKind.PROJECTED_BILL_ABOVE;
  }
}
