package io.kilowatch.events.billing;

import io.kilowatch.events.Decimals;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A bill was not paid by its due date.
 *
 * @param customerId the customer
 * @param billId the bill
 * @param amount the bill's amount, major unit, plain decimal string ({@code "84.10"})
 * @param currency ISO 4217 code
 * @param dueDate when payment is due, in the customer's zone
 */
public record PaymentOverdue(
    String customerId, String billId, String amount, String currency, LocalDate dueDate) {
  public PaymentOverdue {
    Decimals.requireText(customerId, "customerId");
    Decimals.requireText(billId, "billId");
    Decimals.requirePlain(amount, "amount");
    Decimals.requireCurrency(currency);
    Objects.requireNonNull(dueDate, "dueDate");
  }
}
