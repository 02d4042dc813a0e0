package io.kilowatch.rules.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a rule watches, by its wire name. Each kind has its own condition record (see {@link
 * RuleCondition}) and the category its notifications belong to.
 */
public enum RuleKind {
  /** The day's energy use of a meter reaches a threshold. */
  DAILY_USAGE_ABOVE("daily-usage-above", AlertCategory.USAGE),
  /** The week's (Monday to Sunday, customer's zone) energy use reaches a threshold. */
  WEEKLY_USAGE_ABOVE("weekly-usage-above", AlertCategory.USAGE),
  /** The billing period's energy use so far reaches a threshold. */
  BILLING_PERIOD_USAGE_ABOVE("billing-period-usage-above", AlertCategory.USAGE),
  /** The day's energy use is a given percentage above the customer's own recent average. */
  USAGE_ABOVE_BASELINE("usage-above-baseline", AlertCategory.USAGE),
  /** Billing projects the period's bill above the customer's budget. */
  PROJECTED_BILL_ABOVE("projected-bill-above", AlertCategory.COST),
  /** The billing period's cost so far is above an amount. */
  PERIOD_COST_ABOVE("period-cost-above", AlertCategory.COST),
  /** The current or upcoming unit price goes above and/or below levels, with hysteresis. */
  PRICE_THRESHOLD("price-threshold", AlertCategory.PRICE),
  /** Tomorrow's cheapest and dearest windows, when day-ahead prices are published. */
  PRICE_DAY_AHEAD_DIGEST("price-day-ahead-digest", AlertCategory.PRICE),
  /** A supply outage is suspected or cleared in the customer's region or at their meter. */
  OUTAGE("outage", AlertCategory.OUTAGE),
  /** A bill was issued. */
  BILL_ISSUED("bill-issued", AlertCategory.BILLING),
  /** A bill's payment falls due. */
  PAYMENT_DUE("payment-due", AlertCategory.BILLING),
  /** A bill's payment is overdue. */
  PAYMENT_OVERDUE("payment-overdue", AlertCategory.BILLING);

  private final String wireName;
  private final AlertCategory category;

  RuleKind(String wireName, AlertCategory category) {
    this.wireName = wireName;
    this.category = category;
  }

  /** The name used in the HTTP API and the database, e.g. {@code daily-usage-above}. */
  public String wireName() {
    return wireName;
  }

  public AlertCategory category() {
    return category;
  }

  /** True for the kinds that may watch one meter ({@code meterId}). */
  public boolean watchesMeters() {
    return category == AlertCategory.USAGE || this == OUTAGE;
  }

  /** The kind with this wire name, if there is one. */
  public static Optional<RuleKind> fromWire(String name) {
    return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
  }
}
