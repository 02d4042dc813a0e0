package io.kilowatch.rules.adapter.in.messaging;

import io.kilowatch.events.EventCodec.RawEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.MalformedEventException;
import io.kilowatch.platform.messaging.EventSubscription;
import io.kilowatch.rules.application.BillingEventEvaluation;
import io.kilowatch.rules.application.DayAheadDigestEvaluation;
import io.kilowatch.rules.application.MeterOwnerProjection;
import io.kilowatch.rules.application.OutageEvaluation;
import io.kilowatch.rules.application.PriceRuleEvaluation;
import io.kilowatch.rules.application.RulesSettings;
import io.kilowatch.rules.application.UsageRuleEvaluation;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The rules engine's queues. Each handler runs in the platform's transaction with the inbox row, so
 * a redelivered or replayed event (same id) is skipped; a malformed event is dead-lettered.
 *
 * <p>One queue per concern, so that a price move notifying a million customers never holds up an
 * outage or a bill. Price moves and outages are consumed by one consumer per instance: their order
 * matters (a rise before the fall that re-arms; a suspicion before its clearance).
 */
@Factory
class RulesSubscriptions {
  static final String METER_ASSIGNMENTS = "rules.meter-assignments";
  static final String USAGE_WINDOWS = "rules.usage-windows";
  static final String PRICE_CHANGES = "rules.price-changes";
  static final String DAY_AHEAD_PRICES = "rules.day-ahead-prices";
  static final String BILLING = "rules.billing";
  static final String OUTAGES = "rules.outages";

  @Singleton
  @Named(METER_ASSIGNMENTS)
  EventSubscription meterAssignments(MeterOwnerProjection projection) {
    return EventSubscription.of(
        METER_ASSIGNMENTS,
        EventTypes.METER_ASSIGNED.name(),
        event -> projection.apply(event.bind(EventTypes.METER_ASSIGNED).data()));
  }

  @Singleton
  @Named(USAGE_WINDOWS)
  EventSubscription usageWindows(UsageRuleEvaluation evaluation, RulesSettings settings) {
    return EventSubscription.of(
            USAGE_WINDOWS,
            EventTypes.USAGE_WINDOW_UPDATED.name(),
            event ->
                evaluation.onUsageWindowUpdated(event.bind(EventTypes.USAGE_WINDOW_UPDATED).data()))
        .withConcurrency(settings.getUsageWindowConsumers(), 50);
  }

  @Singleton
  @Named(PRICE_CHANGES)
  EventSubscription priceChanges(PriceRuleEvaluation evaluation) {
    // few messages at a time: each may fan out to many customers
    return EventSubscription.of(
            PRICE_CHANGES,
            EventTypes.PRICE_CHANGED.name(),
            event -> {
              var envelope = event.bind(EventTypes.PRICE_CHANGED);
              evaluation.onPriceChanged(envelope.id(), envelope.time(), envelope.data());
            })
        .withConcurrency(1, 5);
  }

  @Singleton
  @Named(DAY_AHEAD_PRICES)
  EventSubscription dayAheadPrices(DayAheadDigestEvaluation evaluation) {
    return EventSubscription.of(
            DAY_AHEAD_PRICES,
            EventTypes.DAY_AHEAD_PRICES_PUBLISHED.name(),
            event -> {
              var envelope = event.bind(EventTypes.DAY_AHEAD_PRICES_PUBLISHED);
              evaluation.onDayAheadPrices(envelope.data(), envelope.time());
            })
        .withConcurrency(1, 5);
  }

  @Singleton
  @Named(BILLING)
  EventSubscription billing(BillingEventEvaluation evaluation) {
    return new EventSubscription(
        BILLING,
        List.of(
            EventTypes.BILL_PROJECTED.name(),
            EventTypes.BILL_ISSUED.name(),
            EventTypes.PAYMENT_DUE.name(),
            EventTypes.PAYMENT_OVERDUE.name()),
        event -> billingEvent(evaluation, event),
        1,
        50);
  }

  @Singleton
  @Named(OUTAGES)
  EventSubscription outages(OutageEvaluation evaluation) {
    return new EventSubscription(
        OUTAGES,
        List.of(EventTypes.OUTAGE_SUSPECTED.name(), EventTypes.OUTAGE_CLEARED.name()),
        event -> {
          if (EventTypes.OUTAGE_SUSPECTED.name().equals(event.type())) {
            evaluation.onOutageSuspected(event.bind(EventTypes.OUTAGE_SUSPECTED).data());
          } else {
            evaluation.onOutageCleared(event.bind(EventTypes.OUTAGE_CLEARED).data());
          }
        },
        1,
        5);
  }

  private static void billingEvent(BillingEventEvaluation evaluation, RawEnvelope event) {
    String type = event.type();
    if (EventTypes.BILL_PROJECTED.name().equals(type)) {
      evaluation.onBillProjected(event.bind(EventTypes.BILL_PROJECTED).data());
    } else if (EventTypes.BILL_ISSUED.name().equals(type)) {
      evaluation.onBillIssued(event.bind(EventTypes.BILL_ISSUED).data(), event.time());
    } else if (EventTypes.PAYMENT_DUE.name().equals(type)) {
      evaluation.onPaymentDue(event.bind(EventTypes.PAYMENT_DUE).data(), event.time());
    } else if (EventTypes.PAYMENT_OVERDUE.name().equals(type)) {
      evaluation.onPaymentOverdue(event.bind(EventTypes.PAYMENT_OVERDUE).data(), event.time());
    } else {
      throw new MalformedEventException("rules.billing does not take " + type);
    }
  }
}
