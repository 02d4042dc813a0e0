package io.kilowatch.rules.adapter.in.messaging;

import io.kilowatch.events.EventTypes;
import io.kilowatch.platform.messaging.EventSubscription;
import io.kilowatch.rules.application.MeterOwnerProjection;
import io.kilowatch.rules.application.RulesSettings;
import io.kilowatch.rules.application.UsageRuleEvaluation;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The rules engine's queues. Each handler runs in the platform's transaction with the inbox row, so
 * a redelivered or replayed event (same id) is skipped; a malformed event is dead-lettered.
 */
@Factory
class RulesSubscriptions {
  static final String METER_ASSIGNMENTS = "rules.meter-assignments";
  static final String USAGE_WINDOWS = "rules.usage-windows";

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
}
