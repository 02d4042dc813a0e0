package io.kilowatch.events.billing;

import io.kilowatch.events.Decimals;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Billing's projection of a customer's bill for the current billing period changed.
 *
 * @param customerId the customer
 * @param periodStart first day of the billing period, in the customer's zone
 * @param periodEnd last day of the billing period (inclusive), in the customer's zone
 * @param projectedAmount the projected bill for the whole period, major unit ({@code "123.45"})
 * @param periodToDateAmount what the period has cost so far, major unit
 * @param currency ISO 4217 code
 * @param asOf when the projection was computed
 */
public record BillProjected(
    String customerId,
    LocalDate periodStart,
    LocalDate periodEnd,
    String projectedAmount,
    String periodToDateAmount,
    String currency,
    Instant asOf) {
  public BillProjected {
    Decimals.requireText(customerId, "customerId");
    Objects.requireNonNull(periodStart, "periodStart");
    Objects.requireNonNull(periodEnd, "periodEnd");
    if (periodEnd.isBefore(periodStart)) {
      throw new IllegalArgumentException("periodEnd must not be before periodStart");
    }
    Decimals.requireNonNegative(projectedAmount, "projectedAmount");
    Decimals.requireNonNegative(periodToDateAmount, "periodToDateAmount");
    Decimals.requireCurrency(currency);
    Objects.requireNonNull(asOf, "asOf");
  }
}
