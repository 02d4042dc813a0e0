package io.kilowatch.rules.application;

/**
 * The template keys the rules engine requests; the templates module renders them. Keys marked new
 * were added with the rule kinds beyond daily usage.
 */
public final class Templates {
  public static final String DAILY_USAGE = "usage.daily-threshold-crossed";

  /** new: weekStart, thresholdKwh, usageKwh, meterId (when the rule watches one meter). */
  public static final String WEEKLY_USAGE = "usage.weekly-threshold-crossed";

  /** new: periodStart, periodEnd, thresholdKwh, usageKwh, meterId (when one meter). */
  public static final String BILLING_PERIOD_USAGE = "usage.billing-period-threshold-crossed";

  /** new: day, usageKwh, baselineKwh, percent, meterId (when one meter). */
  public static final String USAGE_ABOVE_BASELINE = "usage.above-baseline";

  public static final String PROJECTED_BILL = "cost.projected-bill-above-budget";

  /** new: amount, thresholdAmount, currency, periodStart, periodEnd. */
  public static final String PERIOD_COST = "cost.period-to-date-above";

  public static final String PRICE_ABOVE = "price.above-threshold";
  public static final String PRICE_BELOW = "price.below-threshold";
  public static final String DAY_AHEAD_DIGEST = "price.day-ahead-digest";
  public static final String OUTAGE_SUSPECTED = "outage.suspected";
  public static final String OUTAGE_CLEARED = "outage.cleared";
  public static final String BILL_ISSUED = "billing.bill-issued";
  public static final String PAYMENT_DUE = "billing.payment-due";
  public static final String PAYMENT_OVERDUE = "billing.payment-overdue";

  private Templates() {}
}
