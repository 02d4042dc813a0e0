package io.kilowatch.rules.application;

import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.events.pricing.PriceChanged;
import io.kilowatch.platform.messaging.RejectedEventException;
import io.kilowatch.rules.application.port.out.CustomerCalendars;
import io.kilowatch.rules.application.port.out.NotificationOutbox;
import io.kilowatch.rules.application.port.out.PriceFeeds;
import io.kilowatch.rules.application.port.out.RuleStates;
import io.kilowatch.rules.domain.AlertCategory;
import io.kilowatch.rules.domain.Cooldown;
import io.kilowatch.rules.domain.CustomerCalendar;
import io.kilowatch.rules.domain.PriceLevel;
import io.kilowatch.rules.domain.PriceThreshold;
import io.kilowatch.rules.domain.PriceTiming;
import io.kilowatch.rules.domain.PriceUnit;
import io.kilowatch.rules.domain.Regions;
import io.kilowatch.rules.domain.price.Direction;
import io.kilowatch.rules.domain.price.PriceCrossings;
import io.kilowatch.rules.domain.price.PriceMove;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Price rules on {@code PriceChanged}: one move of a feed's price finds the rule sides it crosses
 * in the in-memory index (two binary searches per side, never a scan of the rules), then fires and
 * re-arms them in batches, each in a transaction of its own: the database flips each side's state
 * only if the rule is still active at the same revision and the side is armed (so a stale index, a
 * replay or another instance can never fire a side twice), the batch's notifications go through the
 * outbox in one multi-row append, and the feed's version moves on. The index follows after each
 * commit.
 *
 * <p>The event's own transaction holds the feed's lock across instances for the whole fan-out, so
 * moves of one feed are applied one at a time. Thread-safe.
 */
@Singleton
public class PriceRuleEvaluation {
  private static final Logger LOG = LoggerFactory.getLogger(PriceRuleEvaluation.class);

  private final PriceRuleIndex index;
  private final PriceFeeds feeds;
  private final RuleStates states;
  private final CustomerCalendars calendars;
  private final NotificationOutbox outbox;
  private final FanOut fanOut;
  private final RulesSettings settings;
  private final Clock clock;

  PriceRuleEvaluation(
      PriceRuleIndex index,
      PriceFeeds feeds,
      RuleStates states,
      CustomerCalendars calendars,
      NotificationOutbox outbox,
      FanOut fanOut,
      RulesSettings settings,
      Clock clock) {
    this.index = index;
    this.feeds = feeds;
    this.states = states;
    this.calendars = calendars;
    this.outbox = outbox;
    this.fanOut = fanOut;
    this.settings = settings;
    this.clock = clock;
  }

  /** What one move did. */
  public record Outcome(int fired, int notified, int heldBack, int rearmed) {}

  /**
   * Applies one price move. Runs in the event's transaction (which takes the feed's lock).
   *
   * @param eventId the event's id: the notifications' idempotency keys are {@code
   *     rule:<ruleId>:price:<eventId>}
   * @param at the event's time: the notifications' time, and what cooldowns count from
   * @throws RejectedEventException for a region or tariff that is no code
   */
  @Transactional
  public Outcome onPriceChanged(String eventId, Instant at, PriceChanged change) {
    if (!Regions.isName(change.region())
        || (change.tariff() != null && !Regions.isName(change.tariff()))) {
      throw new RejectedEventException("region and tariff must be codes like GB-LON");
    }
    long start = System.nanoTime();
    PriceTiming timing = change.upcoming() ? PriceTiming.UPCOMING : PriceTiming.CURRENT;
    String feed = PriceThreshold.feedKey(change.region(), change.tariff(), timing);
    feeds.lock(feed);
    index.ensureCurrent(feed);
    PriceMove move =
        PriceMove.of(new BigDecimal(change.previousPrice()), new BigDecimal(change.newPrice()));
    long matchStart = System.nanoTime();
    PriceCrossings crossings = index.match(feed, move);
    long matchMicros = (System.nanoTime() - matchStart) / 1_000;

    int batch = settings.getFanOutBatchSize();
    int fired = 0;
    int notified = 0;
    int rearmed = 0;
    PriceCrossings.Entries fire = crossings.fire();
    for (int from = 0; from < fire.size(); from += batch) {
      int to = Math.min(fire.size(), from + batch);
      int first = from;
      FireResult r =
          fanOut.inNewTransaction(
              () ->
                  fireBatch(feed, crossings.fireDirection(), fire, first, to, eventId, at, change));
      fired += r.fired().size();
      notified += r.notified();
      commitToIndex(feed, r.version(), crossings.fireDirection(), r.fired(), fire, true);
    }
    PriceCrossings.Entries rearm = crossings.rearm();
    for (int from = 0; from < rearm.size(); from += batch) {
      int to = Math.min(rearm.size(), from + batch);
      int first = from;
      RearmResult r =
          fanOut.inNewTransaction(
              () -> rearmBatch(feed, crossings.rearmDirection(), rearm, first, to));
      rearmed += r.rearmed().size();
      commitToIndex(feed, r.version(), crossings.rearmDirection(), r.rearmed(), rearm, false);
    }
    feeds.recordEvent(feed, eventId, change.newPrice(), change.validFrom(), now());
    Outcome outcome = new Outcome(fired, notified, fired - notified, rearmed);
    LOG.info(
        "price {} {} -> {} (event {}): {} sides matched in {} us; {} fired ({} notified, {}"
            + " held back by cooldowns), {} re-armed; {} ms in all",
        feed,
        change.previousPrice(),
        change.newPrice(),
        eventId,
        fire.size() + rearm.size(),
        matchMicros,
        fired,
        notified,
        outcome.heldBack(),
        rearmed,
        (System.nanoTime() - start) / 1_000_000);
    return outcome;
  }

  private record FireResult(List<UUID> fired, int notified, long version) {}

  private record RearmResult(List<UUID> rearmed, long version) {}

  private FireResult fireBatch(
      String feed,
      Direction side,
      PriceCrossings.Entries entries,
      int from,
      int to,
      String eventId,
      Instant at,
      PriceChanged change) {
    Map<UUID, Long> levels = new HashMap<>();
    List<RuleStates.Candidate> candidates = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      candidates.add(new RuleStates.Candidate(entries.ruleId(i), entries.revision(i)));
      levels.put(entries.ruleId(i), entries.level(i));
    }
    Instant now = now();
    List<RuleStates.Fired> flipped = states.fire(side, candidates, now);
    if (flipped.isEmpty()) {
      return new FireResult(List.of(), 0, -1);
    }
    Set<String> needCalendar = new HashSet<>();
    for (RuleStates.Fired f : flipped) {
      if (cooldown(f).needsCalendar()) {
        needCalendar.add(f.customerId());
      }
    }
    Map<String, CustomerCalendar> calendarOf = calendars.of(needCalendar);
    List<EventEnvelope<NotificationRequested>> requested = new ArrayList<>();
    List<UUID> notifiedRules = new ArrayList<>();
    List<UUID> firedRules = new ArrayList<>(flipped.size());
    String template = side == Direction.ABOVE ? Templates.PRICE_ABOVE : Templates.PRICE_BELOW;
    for (RuleStates.Fired f : flipped) {
      firedRules.add(f.ruleId());
      CustomerCalendar calendar = calendarOf.getOrDefault(f.customerId(), CustomerCalendar.UTC);
      if (!cooldown(f).allows(f.lastNotifiedAt(), at, calendar)) {
        continue; // the crossing counts (the side fired) but the customer hears nothing
      }
      notifiedRules.add(f.ruleId());
      requested.add(
          RequestedNotifications.envelope(
              UUID.randomUUID(),
              f.customerId(),
              AlertCategory.PRICE,
              NotificationPriority.NORMAL,
              template,
              RequestedNotifications.idempotencyKey(f.ruleId(), "price:" + eventId),
              data(change, levels.get(f.ruleId())),
              at,
              f.channels()));
    }
    outbox.append(requested);
    states.markNotified(notifiedRules, at);
    return new FireResult(firedRules, notifiedRules.size(), feeds.bump(feed, now));
  }

  private RearmResult rearmBatch(
      String feed, Direction side, PriceCrossings.Entries entries, int from, int to) {
    List<RuleStates.Candidate> candidates = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      candidates.add(new RuleStates.Candidate(entries.ruleId(i), entries.revision(i)));
    }
    Instant now = now();
    List<UUID> rearmed = states.rearm(side, candidates, now);
    return new RearmResult(rearmed, rearmed.isEmpty() ? -1 : feeds.bump(feed, now));
  }

  /** After a batch committed: the index follows, by slot where it still holds the same rule. */
  private void commitToIndex(
      String feed,
      long version,
      Direction side,
      List<UUID> changed,
      PriceCrossings.Entries entries,
      boolean fired) {
    if (version < 0) {
      return;
    }
    Map<UUID, Integer> slots = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      slots.put(entries.ruleId(i), entries.slot(i));
    }
    index.commit(
        feed,
        version,
        c -> {
          for (UUID rule : changed) {
            if (fired) {
              c.fired(side, rule, slots.getOrDefault(rule, -1));
            } else {
              c.armed(side, rule, slots.getOrDefault(rule, -1));
            }
          }
        });
  }

  private static Cooldown cooldown(RuleStates.Fired f) {
    return Cooldown.tryParse(f.cooldown()).orElse(Cooldown.ONCE_PER_WINDOW);
  }

  /** The template's variables: price, threshold, unit, region, validFrom and context. */
  static Map<String, String> data(PriceChanged change, long level) {
    Map<String, String> data = new HashMap<>();
    data.put("price", change.newPrice());
    data.put("threshold", PriceLevel.text(level));
    data.put("unit", PriceUnit.perKwh(change.currency()));
    data.put("region", change.region());
    data.put("validFrom", change.validFrom().toString());
    data.put("upcoming", Boolean.toString(change.upcoming()));
    if (change.validTo() != null) {
      data.put("validTo", change.validTo().toString());
    }
    if (change.tariff() != null) {
      data.put("tariff", change.tariff());
    }
    return data;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
