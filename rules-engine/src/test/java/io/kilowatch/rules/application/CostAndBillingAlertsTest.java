package io.kilowatch.rules.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.events.billing.BillIssued;
import io.kilowatch.events.billing.BillProjected;
import io.kilowatch.events.billing.PaymentDue;
import io.kilowatch.events.billing.PaymentOverdue;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.rules.domain.Rule;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Cost and billing rules from billing's events to the notifications in the outbox. */
class CostAndBillingAlertsTest {
  static final LocalDate JULY = LocalDate.of(2026, 7, 1);
  static final Instant T = Instant.parse("2026-07-15T06:00:00Z");

  RulesEngineFixture engine = new RulesEngineFixture();

  @Test
  void aProjectedBillStrictlyAboveTheBudgetNotifiesOncePerBillingPeriod() {
    Rule budget =
        engine.create("C-1", "kind", "projected-bill-above", "amount", "120", "currency", "GBP");
    engine.create("C-2", "kind", "projected-bill-above", "amount", "500", "currency", "GBP");

    projected("C-1", JULY, "120.00", "40");
    assertThat(engine.sent()).isEmpty();
    projected("C-1", JULY, "120.01", "41");
    projected("C-1", JULY, "150.00", "60"); // higher still, same period
    assertThat(engine.sent()).hasSize(1);
    NotificationRequested n = engine.sent().get(0);
    assertThat(n.category()).isEqualTo(NotificationCategory.COST);
    assertThat(n.templateKey()).isEqualTo("cost.projected-bill-above-budget");
    assertThat(n.data())
        .containsEntry("projectedAmount", "120.01")
        .containsEntry("budgetAmount", "120")
        .containsEntry("currency", "GBP")
        .containsEntry("periodEnd", "2026-07-31");
    assertThat(n.idempotencyKey()).isEqualTo("rule:" + budget.id() + ":projected:2026-07-01");

    projected("C-1", JULY.plusMonths(1), "130", "10"); // next period
    assertThat(engine.sent()).hasSize(2);
    assertThat(budget.cooldown().wireName()).isEqualTo("once-per-billing-period");
  }

  @Test
  void anAmountInAnotherCurrencyIsNotCompared() {
    engine.create("C-1", "kind", "projected-bill-above", "amount", "100", "currency", "EUR");
    projected("C-1", JULY, "999", "1");
    assertThat(engine.sent()).isEmpty();
  }

  @Test
  void periodToDateCostAboveAnAmount() {
    engine.create("C-1", "kind", "period-cost-above", "amount", "50.5", "currency", "GBP");
    projected("C-1", JULY, "100", "50.50");
    assertThat(engine.sent()).isEmpty();
    projected("C-1", JULY, "100", "50.51");
    assertThat(engine.sent()).hasSize(1);
    assertThat(engine.sent().get(0).templateKey()).isEqualTo("cost.period-to-date-above");
    assertThat(engine.sent().get(0).data())
        .containsEntry("amount", "50.51")
        .containsEntry("thresholdAmount", "50.5")
        .containsEntry("periodStart", "2026-07-01");
  }

  @Test
  void billingRulesNotifyOncePerBillForTheirOwnKindOnly() {
    engine.create("C-1", "kind", "bill-issued");
    engine.create("C-1", "kind", "payment-overdue");
    engine.create("C-2", "kind", "payment-due");
    LocalDate due = LocalDate.of(2026, 8, 1);

    engine.billing.onBillIssued(new BillIssued("C-1", "B-1", "84.10", "GBP", due), T);
    engine.billing.onBillIssued(new BillIssued("C-1", "B-1", "84.10", "GBP", due), T); // replay
    engine.billing.onPaymentDue(new PaymentDue("C-1", "B-1", "84.10", "GBP", due), T);
    engine.billing.onPaymentDue(new PaymentDue("C-2", "B-9", "12", "GBP", due), T);
    engine.billing.onPaymentOverdue(new PaymentOverdue("C-1", "B-1", "84.10", "GBP", due), T);
    engine.billing.onBillIssued(new BillIssued("C-1", "B-2", "90", "GBP", due), T);

    assertThat(engine.sent())
        .extracting(n -> n.customerId() + " " + n.templateKey() + " " + n.data().get("billId"))
        .containsExactly(
            "C-1 billing.bill-issued B-1",
            "C-2 billing.payment-due B-9",
            "C-1 billing.payment-overdue B-1",
            "C-1 billing.bill-issued B-2");
    assertThat(engine.sent().get(0).category()).isEqualTo(NotificationCategory.BILLING);
    assertThat(engine.sent().get(0).data())
        .containsEntry("amount", "84.10")
        .containsEntry("currency", "GBP")
        .containsEntry("dueDate", "2026-08-01");
  }

  @Test
  void aPausedCostRuleStaysSilent() {
    Rule rule =
        engine.create("C-1", "kind", "projected-bill-above", "amount", "10", "currency", "GBP");
    engine.change(rule, "active", "false");
    projected("C-1", JULY, "100", "50");
    assertThat(engine.sent()).isEmpty();
  }

  private void projected(String customer, LocalDate month, String projected, String toDate) {
    engine.billing.onBillProjected(
        new BillProjected(
            customer,
            month,
            month.plusMonths(1).minusDays(1),
            projected,
            toDate,
            "GBP",
            month.atStartOfDay().toInstant(java.time.ZoneOffset.UTC).plusSeconds(86_400)));
  }
}
