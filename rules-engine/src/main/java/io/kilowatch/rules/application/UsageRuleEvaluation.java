package io.kilowatch.rules.application;

import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.metering.UsageWindowUpdated;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.rules.application.port.out.CustomerCalendars;
import io.kilowatch.rules.application.port.out.MeterOwners;
import io.kilowatch.rules.application.port.out.NotificationLedger;
import io.kilowatch.rules.application.port.out.RuleStore;
import io.kilowatch.rules.application.port.out.UsageDays;
import io.kilowatch.rules.domain.AlertCategory;
import io.kilowatch.rules.domain.BillingPeriod;
import io.kilowatch.rules.domain.BillingPeriodUsageAbove;
import io.kilowatch.rules.domain.Channel;
import io.kilowatch.rules.domain.CustomerCalendar;
import io.kilowatch.rules.domain.DailyUsageAlerts;
import io.kilowatch.rules.domain.Energy;
import io.kilowatch.rules.domain.FiringLedger;
import io.kilowatch.rules.domain.MeterOwner;
import io.kilowatch.rules.domain.Rule;
import io.kilowatch.rules.domain.ThresholdCrossed;
import io.kilowatch.rules.domain.UsageAboveBaseline;
import io.kilowatch.rules.domain.UsageBaseline;
import io.kilowatch.rules.domain.UsageWindow;
import io.kilowatch.rules.domain.WeeklyUsageAbove;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates usage rules on metering's daily usage window updates and requests notifications through
 * the outbox, in the transaction that records them: daily rules once per rule and day ({@code
 * rules.rule_firing}); weekly, billing-period and above-baseline rules from the daily totals the
 * engine keeps per meter ({@code rules.meter_day_usage}), once per rule and window ({@code
 * rules.rule_notification}). Every rule's cooldown applies on top. Thread-safe.
 */
@Singleton
public class UsageRuleEvaluation {
  public static final String EVENT_SOURCE = RequestedNotifications.EVENT_SOURCE;
  public static final String TEMPLATE_DAILY_THRESHOLD = Templates.DAILY_USAGE;

  private static final Logger LOG = LoggerFactory.getLogger(UsageRuleEvaluation.class);

  private final MeterOwners owners;
  private final RuleStore rules;
  private final UsageDays days;
  private final CustomerCalendars calendars;
  private final NotificationLedger ledger;
  private final AlertDispatcher dispatcher;
  private final DailyUsageAlerts alerts;

  UsageRuleEvaluation(
      MeterOwners owners,
      RuleStore rules,
      UsageDays days,
      CustomerCalendars calendars,
      FiringLedger firings,
      NotificationLedger ledger,
      AlertDispatcher dispatcher,
      Clock clock) {
    this.owners = owners;
    this.rules = rules;
    this.days = days;
    this.calendars = calendars;
    this.ledger = ledger;
    this.dispatcher = dispatcher;
    this.alerts = new DailyUsageAlerts(firings, clock, UUID::randomUUID);
  }

  /** Returns the daily crossings it requested notifications for (empty for most updates). */
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
    Optional<MeterOwner> found = owners.find(window.meterId());
    if (found.isEmpty()) {
      LOG.debug("meter {} has no known owner; usage update ignored", window.meterId());
      return List.of();
    }
    MeterOwner owner = found.get();
    if (!window.windowEnd().isAfter(owner.assignedFrom())) {
      return List.of(); // the previous owner's day
    }
    List<Rule> customerRules = rules.findByCustomer(owner.customerId());
    List<ThresholdCrossed> crossed = alerts.onUsage(window, owner, customerRules);
    List<ThresholdCrossed> notified = dispatchDaily(crossed, customerRules);

    days.record(
        window.meterId(),
        window.windowStart(),
        window.windowEnd(),
        window.energyWh(),
        update.asOf());
    List<PendingAlert> windowAlerts = windowAlerts(window, owner, customerRules);
    for (var outcome : dispatcher.dispatch(windowAlerts)) {
      if (outcome.status() == AlertDispatcher.Status.NOTIFIED) {
        LOG.info(
            "rule {} fired for {}: notification {}",
            outcome.alert().rule().id(),
            outcome.alert().cause(),
            outcome.notificationId());
      }
    }
    return notified;
  }

  /** Daily firings (recorded by the domain's ledger) through the cooldowns. */
  private List<ThresholdCrossed> dispatchDaily(List<ThresholdCrossed> crossed, List<Rule> all) {
    if (crossed.isEmpty()) {
      return List.of();
    }
    Map<UUID, Rule> byId = new HashMap<>();
    all.forEach(r -> byId.put(r.id(), r));
    List<PendingAlert> pending = new ArrayList<>();
    for (ThresholdCrossed c : crossed) {
      pending.add(
          new PendingAlert(
              byId.get(c.ruleId()),
              c.windowStart().toString(),
              c.asOf(),
              Templates.DAILY_USAGE,
              NotificationPriority.NORMAL,
              dailyData(c),
              false,
              c.notificationId(),
              false));
    }
    List<ThresholdCrossed> notified = new ArrayList<>();
    var outcomes = dispatcher.dispatch(pending);
    for (int i = 0; i < crossed.size(); i++) {
      ThresholdCrossed c = crossed.get(i);
      if (outcomes.get(i).status() == AlertDispatcher.Status.NOTIFIED) {
        notified.add(c);
        LOG.info(
            "rule {} fired for {}: notification {}",
            c.ruleId(),
            c.day(),
            outcomes.get(i).notificationId());
      } else {
        ledger.clearDailyFiring(c.ruleId(), c.windowStart());
        LOG.info("rule {} fired for {} but its cooldown held it back", c.ruleId(), c.day());
      }
    }
    return notified;
  }

  private List<PendingAlert> windowAlerts(UsageWindow window, MeterOwner owner, List<Rule> all) {
    List<PendingAlert> pending = new ArrayList<>();
    CustomerCalendar calendar = null;
    for (Rule rule : all) {
      if (!rule.active() || !rule.covers(window.meterId())) {
        continue;
      }
      if (rule.condition() instanceof WeeklyUsageAbove weekly) {
        weekly(rule, weekly, window, owner).ifPresent(pending::add);
      } else if (rule.condition() instanceof BillingPeriodUsageAbove period) {
        if (calendar == null) {
          CustomerCalendar known =
              calendars.of(List.of(owner.customerId())).get(owner.customerId());
          calendar = new CustomerCalendar(owner.timeZone(), known.knownPeriod());
        }
        billingPeriod(rule, period, window, calendar).ifPresent(pending::add);
      } else if (rule.condition() instanceof UsageAboveBaseline baseline) {
        aboveBaseline(rule, baseline, window, owner).ifPresent(pending::add);
      }
    }
    return pending;
  }

  private Optional<PendingAlert> weekly(
      Rule rule, WeeklyUsageAbove weekly, UsageWindow window, MeterOwner owner) {
    LocalDate weekStart =
        window
            .windowStart()
            .atZone(owner.timeZone())
            .toLocalDate()
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    Instant from = weekStart.atStartOfDay(owner.timeZone()).toInstant();
    Instant to = weekStart.plusWeeks(1).atStartOfDay(owner.timeZone()).toInstant();
    long total = total(rule, window.meterId(), from, to).totalWh();
    if (total < weekly.thresholdWh()) {
      return Optional.empty();
    }
    Map<String, String> data = new HashMap<>();
    data.put("weekStart", weekStart.toString());
    data.put("thresholdKwh", Energy.whToKwh(weekly.thresholdWh()));
    data.put("usageKwh", Energy.whToKwh(total));
    putMeter(data, rule);
    return Optional.of(
        PendingAlert.of(rule, "week:" + from, window.asOf(), Templates.WEEKLY_USAGE, data));
  }

  private Optional<PendingAlert> billingPeriod(
      Rule rule, BillingPeriodUsageAbove threshold, UsageWindow window, CustomerCalendar calendar) {
    BillingPeriod period = calendar.periodOf(window.windowStart());
    Instant from = calendar.startOf(period.start());
    Instant to = calendar.endOf(period);
    long total = total(rule, window.meterId(), from, to).totalWh();
    if (total < threshold.thresholdWh()) {
      return Optional.empty();
    }
    Map<String, String> data = new HashMap<>();
    data.put("periodStart", period.start().toString());
    data.put("periodEnd", period.end().toString());
    data.put("thresholdKwh", Energy.whToKwh(threshold.thresholdWh()));
    data.put("usageKwh", Energy.whToKwh(total));
    putMeter(data, rule);
    return Optional.of(
        PendingAlert.of(
            rule, "period:" + period.start(), window.asOf(), Templates.BILLING_PERIOD_USAGE, data));
  }

  private Optional<PendingAlert> aboveBaseline(
      Rule rule, UsageAboveBaseline condition, UsageWindow window, MeterOwner owner) {
    Instant day = window.windowStart();
    long today = total(rule, window.meterId(), day, window.windowEnd()).totalWh();
    // local days: a week with a clock change is not 7 x 24 hours
    Instant lookback =
        day.atZone(owner.timeZone()).minusDays(UsageBaseline.LOOKBACK_DAYS).toInstant();
    UsageBaseline baseline = total(rule, window.meterId(), lookback, day);
    if (!baseline.isExceededBy(today, condition.percent())) {
      return Optional.empty();
    }
    Map<String, String> data = new HashMap<>();
    data.put("day", day.atZone(owner.timeZone()).toLocalDate().toString());
    data.put("usageKwh", Energy.whToKwh(today));
    data.put("baselineKwh", Energy.whToKwh(baseline.averageWh()));
    data.put("percent", Integer.toString(condition.percent()));
    putMeter(data, rule);
    return Optional.of(
        PendingAlert.of(
            rule, "baseline:" + day, window.asOf(), Templates.USAGE_ABOVE_BASELINE, data));
  }

  /** The rule's meter, or all the customer's meters, over days starting in {@code [from, to)}. */
  private UsageBaseline total(Rule rule, String meterId, Instant from, Instant to) {
    return rule.meterId() != null
        ? days.ofMeter(meterId, from, to)
        : days.ofCustomer(rule.customerId(), from, to);
  }

  private static void putMeter(Map<String, String> data, Rule rule) {
    if (rule.meterId() != null) {
      data.put("meterId", rule.meterId());
    }
  }

  private static Map<String, String> dailyData(ThresholdCrossed c) {
    return Map.of(
        "thresholdKwh", Energy.whToKwh(c.thresholdWh()),
        "usageKwh", Energy.whToKwh(c.usageWh()),
        "meterId", c.meterId(),
        "day", c.day().toString());
  }

  /**
   * The notification a daily crossing of a rule preferring {@code channels} requests (its wire form
   * is pinned by a test).
   */
  static EventEnvelope<NotificationRequested> notificationRequested(
      ThresholdCrossed c, List<Channel> channels) {
    return RequestedNotifications.envelope(
        c.notificationId(),
        c.customerId(),
        AlertCategory.USAGE,
        NotificationPriority.NORMAL,
        Templates.DAILY_USAGE,
        c.idempotencyKey(),
        dailyData(c),
        c.asOf(),
        channels);
  }
}
