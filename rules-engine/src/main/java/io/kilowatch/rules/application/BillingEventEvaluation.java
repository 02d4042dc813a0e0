package io.kilowatch.rules.application;

import io.kilowatch.events.billing.BillIssued;
import io.kilowatch.events.billing.BillProjected;
import io.kilowatch.events.billing.PaymentDue;
import io.kilowatch.events.billing.PaymentOverdue;
import io.kilowatch.rules.application.port.out.CustomerCalendars;
import io.kilowatch.rules.application.port.out.RuleStore;
import io.kilowatch.rules.domain.BillingPeriod;
import io.kilowatch.rules.domain.Money;
import io.kilowatch.rules.domain.PeriodCostAbove;
import io.kilowatch.rules.domain.ProjectedBillAbove;
import io.kilowatch.rules.domain.Rule;
import io.kilowatch.rules.domain.RuleKind;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cost and billing rules on billing's events. {@code BillProjected} also keeps the customer's
 * billing period ({@code rules.billing_period}) for billing-period usage rules and cooldowns.
 * Per-customer events: everything runs in the event's transaction. Thread-safe.
 */
@Singleton
public class BillingEventEvaluation {
  private static final Logger LOG = LoggerFactory.getLogger(BillingEventEvaluation.class);

  private final RuleStore rules;
  private final CustomerCalendars calendars;
  private final AlertDispatcher dispatcher;

  BillingEventEvaluation(RuleStore rules, CustomerCalendars calendars, AlertDispatcher dispatcher) {
    this.rules = rules;
    this.calendars = calendars;
    this.dispatcher = dispatcher;
  }

  /**
   * Projected bill above budget and period-to-date cost above an amount: strictly above, in the
   * rule's currency (a rule in another currency is not compared), once per billing period.
   */
  @Transactional
  public List<AlertDispatcher.Outcome> onBillProjected(BillProjected projected) {
    BillingPeriod period = new BillingPeriod(projected.periodStart(), projected.periodEnd());
    calendars.recordPeriod(projected.customerId(), period, projected.asOf());
    BigDecimal projectedAmount = new BigDecimal(projected.projectedAmount());
    BigDecimal toDate = new BigDecimal(projected.periodToDateAmount());
    List<PendingAlert> alerts = new ArrayList<>();
    for (Rule rule : rules.findByCustomer(projected.customerId())) {
      if (!rule.active()) {
        continue;
      }
      if (rule.condition() instanceof ProjectedBillAbove budget
          && isAbove(projectedAmount, projected.currency(), budget.budget(), rule)) {
        alerts.add(
            PendingAlert.of(
                rule,
                "projected:" + period.start(),
                projected.asOf(),
                Templates.PROJECTED_BILL,
                Map.of(
                    "projectedAmount", projected.projectedAmount(),
                    "budgetAmount", budget.budget().text(),
                    "currency", projected.currency(),
                    "periodStart", period.start().toString(),
                    "periodEnd", period.end().toString())));
      } else if (rule.condition() instanceof PeriodCostAbove cost
          && isAbove(toDate, projected.currency(), cost.threshold(), rule)) {
        alerts.add(
            PendingAlert.of(
                rule,
                "period-cost:" + period.start(),
                projected.asOf(),
                Templates.PERIOD_COST,
                Map.of(
                    "amount", projected.periodToDateAmount(),
                    "thresholdAmount", cost.threshold().text(),
                    "currency", projected.currency(),
                    "periodStart", period.start().toString(),
                    "periodEnd", period.end().toString())));
      }
    }
    return log(dispatcher.dispatch(alerts));
  }

  @Transactional
  public List<AlertDispatcher.Outcome> onBillIssued(BillIssued bill, Instant at) {
    return onBill(
        RuleKind.BILL_ISSUED,
        Templates.BILL_ISSUED,
        bill.customerId(),
        bill.billId(),
        bill.amount(),
        bill.currency(),
        bill.dueDate(),
        at);
  }

  @Transactional
  public List<AlertDispatcher.Outcome> onPaymentDue(PaymentDue due, Instant at) {
    return onBill(
        RuleKind.PAYMENT_DUE,
        Templates.PAYMENT_DUE,
        due.customerId(),
        due.billId(),
        due.amount(),
        due.currency(),
        due.dueDate(),
        at);
  }

  @Transactional
  public List<AlertDispatcher.Outcome> onPaymentOverdue(PaymentOverdue overdue, Instant at) {
    return onBill(
        RuleKind.PAYMENT_OVERDUE,
        Templates.PAYMENT_OVERDUE,
        overdue.customerId(),
        overdue.billId(),
        overdue.amount(),
        overdue.currency(),
        overdue.dueDate(),
        at);
  }

  /** Once per rule and bill: {@code <kind>:<billId>}. */
  private List<AlertDispatcher.Outcome> onBill(
      RuleKind kind,
      String template,
      String customerId,
      String billId,
      String amount,
      String currency,
      LocalDate dueDate,
      Instant at) {
    List<PendingAlert> alerts = new ArrayList<>();
    for (Rule rule : rules.findByCustomer(customerId)) {
      if (rule.active() && rule.kind() == kind) {
        alerts.add(
            PendingAlert.of(
                rule,
                kind.wireName() + ":" + billId,
                at,
                template,
                Map.of(
                    "amount", amount,
                    "currency", currency,
                    "dueDate", dueDate.toString(),
                    "billId", billId)));
      }
    }
    return log(dispatcher.dispatch(alerts));
  }

  private static boolean isAbove(BigDecimal amount, String currency, Money limit, Rule rule) {
    if (!limit.currency().equals(currency)) {
      LOG.warn(
          "rule {} is in {} but billing reports {}; not compared",
          rule.id(),
          limit.currency(),
          currency);
      return false;
    }
    return amount.compareTo(limit.amount()) > 0;
  }

  private static List<AlertDispatcher.Outcome> log(List<AlertDispatcher.Outcome> outcomes) {
    for (var o : outcomes) {
      LOG.info("rule {} {} for {}", o.alert().rule().id(), o.status(), o.alert().cause());
    }
    return outcomes;
  }
}
