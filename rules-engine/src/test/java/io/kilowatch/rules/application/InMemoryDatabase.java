package io.kilowatch.rules.application;

import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.rules.application.port.out.CustomerCalendars;
import io.kilowatch.rules.application.port.out.MeterOwners;
import io.kilowatch.rules.application.port.out.NotificationLedger;
import io.kilowatch.rules.application.port.out.NotificationOutbox;
import io.kilowatch.rules.application.port.out.PriceFeeds;
import io.kilowatch.rules.application.port.out.PriceRuleSource;
import io.kilowatch.rules.application.port.out.RuleStates;
import io.kilowatch.rules.application.port.out.RuleStore;
import io.kilowatch.rules.application.port.out.UsageDays;
import io.kilowatch.rules.domain.BillingPeriod;
import io.kilowatch.rules.domain.CustomerCalendar;
import io.kilowatch.rules.domain.DayAheadDigest;
import io.kilowatch.rules.domain.FiringLedger;
import io.kilowatch.rules.domain.MeterOwner;
import io.kilowatch.rules.domain.OutageAlert;
import io.kilowatch.rules.domain.PriceThreshold;
import io.kilowatch.rules.domain.Rule;
import io.kilowatch.rules.domain.RuleCondition;
import io.kilowatch.rules.domain.RuleFiring;
import io.kilowatch.rules.domain.RuleKind;
import io.kilowatch.rules.domain.UsageBaseline;
import io.kilowatch.rules.domain.price.Direction;
import io.kilowatch.rules.domain.price.PriceRuleEntry;
import io.kilowatch.rules.domain.price.PriceThresholdIndex;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Every port of the rules engine in memory, with the contracts of the PostgreSQL adapters (what is
 * atomic there is simply sequential here; transactions never roll back). Not thread-safe.
 */
final class InMemoryDatabase
    implements RuleStore,
        RuleStates,
        NotificationLedger,
        FiringLedger,
        PriceFeeds,
        PriceRuleSource,
        UsageDays,
        CustomerCalendars,
        NotificationOutbox {
  /** PostgreSQL's uuid order: unsigned bytes. */
  static final Comparator<UUID> PG_UUID_ORDER =
      (a, b) -> {
        int hi = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return hi != 0
            ? hi
            : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
      };

  final Map<UUID, Rule> rules = new LinkedHashMap<>();
  final Map<UUID, State> states = new HashMap<>();
  final Map<String, UUID> ledger = new LinkedHashMap<>();
  final Map<String, Entry> ledgerEntries = new HashMap<>();
  final Map<String, RuleFiring> firings = new LinkedHashMap<>();
  final Map<String, Long> feedVersions = new HashMap<>();
  final Map<String, String> lastEventOfFeed = new HashMap<>();
  final Map<String, MeterOwner> owners = new LinkedHashMap<>();
  final Map<String, Day> days = new HashMap<>();
  final Map<String, BillingPeriod> periods = new HashMap<>();
  final List<EventEnvelope<NotificationRequested>> outbox = new ArrayList<>();
  int feedLocks;

  static final class State {
    boolean aboveFired;
    boolean belowFired;
    Instant lastNotifiedAt;
  }

  record Day(String meterId, Instant start, Instant end, long energyWh) {}

  // --- RuleStore ---------------------------------------------------------------------------

  @Override
  public void lockCustomer(String customerId) {}

  @Override
  public int countByCustomer(String customerId) {
    return findByCustomer(customerId).size();
  }

  @Override
  public List<Rule> findByCustomer(String customerId) {
    return rules.values().stream()
        .filter(r -> r.customerId().equals(customerId))
        .sorted(Comparator.comparing(Rule::createdAt))
        .toList();
  }

  @Override
  public Optional<Rule> find(String customerId, UUID ruleId) {
    return Optional.ofNullable(rules.get(ruleId)).filter(r -> r.customerId().equals(customerId));
  }

  @Override
  public void insert(Rule rule) {
    rules.put(rule.id(), rule);
    states.put(rule.id(), new State());
  }

  @Override
  public boolean update(Rule rule, boolean rearm) {
    if (!rules.containsKey(rule.id())) {
      return false;
    }
    rules.put(rule.id(), rule);
    if (rearm) {
      states.get(rule.id()).aboveFired = false;
      states.get(rule.id()).belowFired = false;
    }
    return true;
  }

  @Override
  public boolean delete(String customerId, UUID ruleId) {
    if (find(customerId, ruleId).isEmpty()) {
      return false;
    }
    rules.remove(ruleId);
    states.remove(ruleId);
    ledger.keySet().removeIf(k -> k.startsWith(ruleId + " "));
    firings.keySet().removeIf(k -> k.startsWith(ruleId + "@"));
    return true;
  }

  @Override
  public List<Rule> pageByRegion(
      RuleKind kind, String region, String tariff, UUID afterId, int limit) {
    return rules.values().stream()
        .filter(r -> r.kind() == kind && r.active())
        .filter(r -> region.equals(regionOf(r.condition())))
        .filter(r -> Objects.equals(tariff, tariffOf(r.condition())))
        .filter(r -> PG_UUID_ORDER.compare(r.id(), afterId) > 0)
        .sorted(Comparator.comparing(Rule::id, PG_UUID_ORDER))
        .limit(limit)
        .toList();
  }

  @Override
  public List<Rule> pageNotifiedFor(String cause, RuleKind kind, UUID afterId, int limit) {
    return rules.values().stream()
        .filter(r -> r.kind() == kind && r.active())
        .filter(r -> ledger.get(Entry.key(r.id(), cause)) != null)
        .filter(r -> PG_UUID_ORDER.compare(r.id(), afterId) > 0)
        .sorted(Comparator.comparing(Rule::id, PG_UUID_ORDER))
        .limit(limit)
        .toList();
  }

  private static String regionOf(RuleCondition c) {
    if (c instanceof PriceThreshold p) {
      return p.region();
    }
    if (c instanceof DayAheadDigest d) {
      return d.region();
    }
    if (c instanceof OutageAlert o) {
      return o.region();
    }
    return null;
  }

  private static String tariffOf(RuleCondition c) {
    if (c instanceof PriceThreshold p) {
      return p.tariff();
    }
    if (c instanceof DayAheadDigest d) {
      return d.tariff();
    }
    return null;
  }

  // --- RuleStates --------------------------------------------------------------------------

  @Override
  public List<Fired> fire(Direction side, List<Candidate> candidates, Instant now) {
    List<Fired> fired = new ArrayList<>();
    for (Candidate c : candidates) {
      Rule rule = rules.get(c.ruleId());
      if (!isCurrentPriceRule(rule, c)) {
        continue;
      }
      State s = states.get(c.ruleId());
      boolean wasFired = side == Direction.ABOVE ? s.aboveFired : s.belowFired;
      if (!wasFired) {
        if (side == Direction.ABOVE) {
          s.aboveFired = true;
        } else {
          s.belowFired = true;
        }
        fired.add(
            new Fired(
                rule.id(),
                rule.customerId(),
                rule.cooldown().wireName(),
                s.lastNotifiedAt,
                rule.channels()));
      }
    }
    return fired;
  }

  @Override
  public List<UUID> rearm(Direction side, List<Candidate> candidates, Instant now) {
    List<UUID> rearmed = new ArrayList<>();
    for (Candidate c : candidates) {
      Rule rule = rules.get(c.ruleId());
      if (!isCurrentPriceRule(rule, c)) {
        continue;
      }
      State s = states.get(c.ruleId());
      if (side == Direction.ABOVE ? s.aboveFired : s.belowFired) {
        if (side == Direction.ABOVE) {
          s.aboveFired = false;
        } else {
          s.belowFired = false;
        }
        rearmed.add(rule.id());
      }
    }
    return rearmed;
  }

  private static boolean isCurrentPriceRule(Rule rule, Candidate c) {
    return rule != null
        && rule.active()
        && rule.kind() == RuleKind.PRICE_THRESHOLD
        && rule.revision() == c.revision();
  }

  @Override
  public Map<UUID, Instant> lockLastNotified(Collection<UUID> ruleIds) {
    Map<UUID, Instant> last = new HashMap<>();
    for (UUID id : ruleIds) {
      State s = states.get(id);
      if (s != null && s.lastNotifiedAt != null) {
        last.put(id, s.lastNotifiedAt);
      }
    }
    return last;
  }

  @Override
  public void markNotified(Collection<UUID> ruleIds, Instant at) {
    for (UUID id : ruleIds) {
      State s = states.get(id);
      if (s.lastNotifiedAt == null || s.lastNotifiedAt.isBefore(at)) {
        s.lastNotifiedAt = at;
      }
    }
  }

  // --- NotificationLedger and FiringLedger -------------------------------------------------

  @Override
  public Set<String> recordFirst(List<Entry> entries) {
    Set<String> recorded = new HashSet<>();
    for (Entry e : entries) {
      if (!ledger.containsKey(e.key())) {
        ledger.put(e.key(), e.notificationId());
        ledgerEntries.put(e.key(), e);
        recorded.add(e.key());
      }
    }
    return recorded;
  }

  @Override
  public void clearDailyFiring(UUID ruleId, Instant windowStart) {
    firings.computeIfPresent(
        ruleId + "@" + windowStart,
        (k, f) -> new RuleFiring(f.ruleId(), f.windowStart(), f.firedAt(), new UUID(0, 0)));
  }

  @Override
  public boolean recordFirst(RuleFiring firing) {
    return firings.putIfAbsent(firing.ruleId() + "@" + firing.windowStart(), firing) == null;
  }

  // --- PriceFeeds and PriceRuleSource ------------------------------------------------------

  @Override
  public void lock(String feedKey) {
    feedLocks++;
  }

  @Override
  public long version(String feedKey) {
    return feedVersions.getOrDefault(feedKey, 0L);
  }

  @Override
  public long bump(String feedKey, Instant now) {
    return feedVersions.merge(feedKey, 1L, Long::sum);
  }

  @Override
  public Map<String, Long> versions() {
    return new HashMap<>(feedVersions);
  }

  @Override
  public void recordEvent(
      String feedKey, String eventId, String price, Instant validFrom, Instant now) {
    lastEventOfFeed.put(feedKey, eventId);
  }

  @Override
  public int loadAll(PriceThresholdIndex.Rows sink) {
    return load(null, sink);
  }

  @Override
  public int loadFeed(String feedKey, PriceThresholdIndex.Rows sink) {
    return load(feedKey, sink);
  }

  private int load(String feedKey, PriceThresholdIndex.Rows sink) {
    int n = 0;
    for (Rule rule : rules.values()) {
      if (rule.active() && rule.condition() instanceof PriceThreshold p) {
        if (feedKey == null || feedKey.equals(p.feedKey())) {
          State s = states.get(rule.id());
          sink.add(
              p.feedKey(),
              new PriceRuleEntry(
                  rule.id(), rule.revision(), p.above(), p.below(), s.aboveFired, s.belowFired));
          n++;
        }
      }
    }
    return n;
  }

  // --- UsageDays ---------------------------------------------------------------------------

  @Override
  public void record(
      String meterId, Instant dayStart, Instant dayEnd, long energyWh, Instant asOf) {
    days.merge(
        meterId + "@" + dayStart,
        new Day(meterId, dayStart, dayEnd, energyWh),
        (old, now) -> old.energyWh() >= now.energyWh() ? old : now);
  }

  @Override
  public UsageBaseline ofMeter(String meterId, Instant from, Instant to) {
    long total = 0;
    int n = 0;
    for (Day d : days.values()) {
      if (d.meterId().equals(meterId) && !d.start().isBefore(from) && d.start().isBefore(to)) {
        total += d.energyWh();
        n++;
      }
    }
    return new UsageBaseline(total, n);
  }

  @Override
  public UsageBaseline ofCustomer(String customerId, Instant from, Instant to) {
    long total = 0;
    Set<Instant> distinct = new HashSet<>();
    for (Day d : days.values()) {
      MeterOwner owner = owners.get(d.meterId());
      if (owner != null
          && owner.customerId().equals(customerId)
          && d.end().isAfter(owner.assignedFrom())
          && !d.start().isBefore(from)
          && d.start().isBefore(to)) {
        total += d.energyWh();
        distinct.add(d.start());
      }
    }
    return new UsageBaseline(total, distinct.size());
  }

  // --- CustomerCalendars and MeterOwners ---------------------------------------------------

  @Override
  public Map<String, CustomerCalendar> of(Collection<String> customerIds) {
    Map<String, CustomerCalendar> calendars = new HashMap<>();
    for (String id : customerIds) {
      var zone =
          ownersOf(id).stream()
              .findFirst()
              .map(o -> (java.time.ZoneId) o.timeZone())
              .orElse(ZoneOffset.UTC);
      calendars.put(id, new CustomerCalendar(zone, periods.get(id)));
    }
    return calendars;
  }

  @Override
  public void recordPeriod(String customerId, BillingPeriod period, Instant asOf) {
    periods.merge(customerId, period, (old, now) -> now.start().isBefore(old.start()) ? old : now);
  }

  /** The meter-owner projection (its own object: its findByCustomer returns owners). */
  final MeterOwners meterOwners =
      new MeterOwners() {
        @Override
        public Optional<MeterOwner> find(String meterId) {
          return Optional.ofNullable(owners.get(meterId));
        }

        @Override
        public List<MeterOwner> findByCustomer(String customerId) {
          return ownersOf(customerId);
        }

        @Override
        public boolean regionExists(String region) {
          return owners.values().stream().anyMatch(o -> o.region().equals(region));
        }

        @Override
        public void assign(MeterOwner owner) {
          owners.merge(
              owner.meterId(),
              owner,
              (old, now) -> now.assignedFrom().isBefore(old.assignedFrom()) ? old : now);
        }
      };

  List<MeterOwner> ownersOf(String customerId) {
    return owners.values().stream()
        .filter(o -> o.customerId().equals(customerId))
        .sorted(Comparator.comparing(MeterOwner::assignedFrom).reversed())
        .toList();
  }

  // --- NotificationOutbox ------------------------------------------------------------------

  @Override
  public void append(List<EventEnvelope<NotificationRequested>> notifications) {
    outbox.addAll(notifications);
  }
}
