package io.kilowatch.rules.application;

import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.rules.application.port.in.CreateRuleCommand;
import io.kilowatch.rules.application.port.in.RuleInput;
import io.kilowatch.rules.application.port.in.UpdateRuleCommand;
import io.kilowatch.rules.domain.MeterOwner;
import io.kilowatch.rules.domain.Rule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rules engine's services wired on {@link InMemoryDatabase}: rules are made through the same
 * commands the API uses, events are handed to the same evaluations the queues call, and what went
 * to the outbox is there to read. A small fan-out batch, so batching is exercised.
 */
final class RulesEngineFixture {
  static final Instant START = Instant.parse("2026-07-15T08:00:00Z");
  static final Instant ASSIGNED_FROM = Instant.parse("2026-06-01T00:00:00Z");

  final InMemoryDatabase db = new InMemoryDatabase();
  final MutableClock clock = new MutableClock(START);
  final RulesSettings settings = new RulesSettings();
  final DirectTransactions transactions = new DirectTransactions();
  final PriceRuleIndex index;
  final AlertDispatcher dispatcher;
  final FanOut fanOut;
  final RuleService rules;
  final PriceRuleEvaluation prices;
  final UsageRuleEvaluation usage;
  final BillingEventEvaluation billing;
  final OutageEvaluation outages;
  final DayAheadDigestEvaluation digests;

  RulesEngineFixture() {
    this(3);
  }

  RulesEngineFixture(int batchSize) {
    settings.setFanOutBatchSize(batchSize);
    index = new PriceRuleIndex(db, db, transactions);
    dispatcher = new AlertDispatcher(db, db, db, db);
    fanOut = new FanOut(transactions);
    rules = new RuleService(db, db.meterOwners, db, index, settings, clock, transactions);
    prices = new PriceRuleEvaluation(index, db, db, db, db, fanOut, settings, clock);
    usage = new UsageRuleEvaluation(db.meterOwners, db, db, db, db, db, dispatcher, clock);
    billing = new BillingEventEvaluation(db, db, dispatcher);
    outages = new OutageEvaluation(db, db.meterOwners, dispatcher, fanOut, settings);
    digests = new DayAheadDigestEvaluation(db, dispatcher, fanOut, settings);
  }

  void assign(String customerId, String meterId, String region, String zone) {
    db.meterOwners.assign(
        new MeterOwner(meterId, customerId, region, ZoneId.of(zone), ASSIGNED_FROM));
  }

  /**
   * Creates a rule from API-style fields, e.g. {@code "kind", "price-threshold", "above", "30"}.
   */
  Rule create(String customerId, String... fields) {
    return rules.create(CreateRuleCommand.parse(customerId, input(fields)));
  }

  Rule change(Rule rule, String... fields) {
    return rules.update(rule.customerId(), rule.id(), UpdateRuleCommand.parse(input(fields)));
  }

  /** API-style input; values are text, {@code "active"} is a boolean, a null value is named. */
  static RuleInput input(String... fields) {
    Map<String, String> f = new HashMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      f.put(fields[i], fields[i + 1]);
    }
    List<String> channels =
        f.containsKey("channels") && f.get("channels") != null
            ? List.of(f.get("channels").split(","))
            : null;
    return new RuleInput(
        f.get("kind"),
        f.get("thresholdKwh"),
        f.get("percent"),
        f.get("amount"),
        f.get("currency"),
        f.get("region"),
        f.get("tariff"),
        f.get("timing"),
        f.get("above"),
        f.get("aboveReset"),
        f.get("below"),
        f.get("belowReset"),
        f.get("meterId"),
        channels,
        f.get("cooldown"),
        f.containsKey("active") ? Boolean.valueOf(f.get("active")) : null,
        f.keySet());
  }

  List<NotificationRequested> sent() {
    return db.outbox.stream().map(EventEnvelope::data).toList();
  }

  List<NotificationRequested> sentTo(String customerId) {
    return sent().stream().filter(n -> n.customerId().equals(customerId)).toList();
  }

  /** Forgets what was sent so far, so a test can say "nothing more". */
  void clearSent() {
    db.outbox.clear();
  }

  static String eventId() {
    return UUID.randomUUID().toString();
  }

  /** A clock tests move forward. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
