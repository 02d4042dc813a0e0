package io.kilowatch.events.billing;

import io.kilowatch.events.Decimals;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A bill was issued to a customer.
 *
 * @param customerId the customer
 * @param billId the bill
 * @param amount the bill's amount, major unit, plain decimal string ({@code "84.10"})
 * @param currency ISO 4217 code
 * @param dueDate when payment is due, in the customer's zone
 */
public record BillIssued(
    String customerId, String billId, String amount, String currency, LocalDate dueDate) {
  public BillIssued {
    Decimals.requireText(customerId, "customerId");
    Decimals.requireText(billId, "billId");
    Decimals.requirePlain(amount, "amount");
    Decimals.requireCurrency(currency);
    Objects.requireNonNull(dueDate, "dueDate");
  }
}
