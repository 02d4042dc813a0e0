package io.kilowatch.rules.domain;

/**
 * The condition a rule fires on; one record per {@link RuleKind} (the three billing kinds share
 * {@link BillingAlert}). Sealed, so that code deciding per kind is checked for completeness by the
 * compiler when a kind is added.
 */
public sealed interface RuleCondition
    permits DailyUsageAbove,
        WeeklyUsageAbove,
        BillingPeriodUsageAbove,
        UsageAboveBaseline,
        ProjectedBillAbove,
        PeriodCostAbove,
        PriceThreshold,
        DayAheadDigest,
        OutageAlert,
        BillingAlert {
  RuleKind kind();
}
