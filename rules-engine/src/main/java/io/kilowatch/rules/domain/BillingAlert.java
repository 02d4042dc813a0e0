package io.kilowatch.rules.domain;

import java.util.Objects;

/**
 * Tells the customer about one of billing's events about their bills; no parameters.
 *
 * @param kind {@link RuleKind#BILL_ISSUED}, {@link RuleKind#PAYMENT_DUE} or {@link
 *     RuleKind#PAYMENT_OVERDUE}
 */
public record BillingAlert(RuleKind kind) implements RuleCondition {
  public BillingAlert {
    Objects.requireNonNull(kind, "kind");
    if (kind.category() != AlertCategory.BILLING) {
      throw new IllegalArgumentException("not a billing kind: " + kind);
    }
  }
}
