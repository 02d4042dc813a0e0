package io.kilowatch.rules.application;

import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.metering.UsageWindowUpdated;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.platform.messaging.Outbox;
import io.kilowatch.rules.application.port.out.MeterOwners;
import io.kilowatch.rules.application.port.out.RuleStore;
import io.kilowatch.rules.domain.DailyUsageAlerts;
import io.kilowatch.rules.domain.Energy;
import io.kilowatch.rules.domain.FiringLedger;
import io.kilowatch.rules.domain.MeterOwner;
import io.kilowatch.rules.domain.ThresholdCrossed;
import io.kilowatch.rules.domain.UsageWindow;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates daily usage rules on metering's usage window updates and requests one notification per
 * rule and day through the outbox, in the same transaction that records the firing. Thread-safe.
 */
@Singleton
public class UsageRuleEvaluation {
  public static final String EVENT_SOURCE = "/kilowatch/rules-engine";
  public static final String TEMPLATE_DAILY_THRESHOLD = "usage.daily-threshold-crossed";

  private static final Logger LOG = LoggerFactory.getLogger(UsageRuleEvaluation.class);

  private final MeterOwners owners;
  private final RuleStore rules;
  private final Outbox outbox;
  private final DailyUsageAlerts alerts;

  UsageRuleEvaluation(
      MeterOwners owners, RuleStore rules, FiringLedger ledger, Outbox outbox, Clock clock) {
    this.owners = owners;
    this.rules = rules;
    this.outbox = outbox;
    this.alerts = new DailyUsageAlerts(ledger, clock, UUID::randomUUID);
  }

  /** Returns the crossings it requested notifications for (empty for most updates). */
  @Transactional
  public List<ThresholdCrossed> onUsageWindowUpdated(UsageWindowUpdated update) {
    UsageWindow window =
        new UsageWindow(
            update.meterId(),
            update.granularity(),
            update.windowStart(),
            update.windowEnd(),
            update.energyWh(),
            update.asOf());
    if (!window.isDaily()) {
      return List.of();
    }
    Optional<MeterOwner> owner = owners.find(window.meterId());
    if (owner.isEmpty()) {
      LOG.debug("meter {} has no known owner; usage update ignored", window.meterId());
      return List.of();
    }
    List<ThresholdCrossed> crossed =
        alerts.onUsage(window, owner.get(), rules.findByCustomer(owner.get().customerId()));
    for (ThresholdCrossed c : crossed) {
      outbox.append(notificationRequested(c));
      LOG.info("rule {} fired for {}: notification {}", c.ruleId(), c.day(), c.notificationId());
    }
    return crossed;
  }

  static EventEnvelope<NotificationRequested> notificationRequested(ThresholdCrossed c) {
    return EventEnvelope.of(
        EventTypes.NOTIFICATION_REQUESTED,
        EVENT_SOURCE,
        c.asOf(),
        "customer/" + c.customerId(),
        new NotificationRequested(
            c.notificationId().toString(),
            c.customerId(),
            NotificationCategory.USAGE,
            NotificationPriority.NORMAL,
            TEMPLATE_DAILY_THRESHOLD,
            c.idempotencyKey(),
            Map.of(
                "thresholdKwh", Energy.whToKwh(c.thresholdWh()),
                "usageKwh", Energy.whToKwh(c.usageWh()),
                "meterId", c.meterId(),
                "day", c.day().toString()),
            c.asOf()));
  }
}
