package io.kilowatch.rules.domain;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Decides which daily usage rules fire for an updated daily total: each active rule of the meter's
 * owner that covers the meter fires when the total reaches its threshold, once per rule and day.
 * Later updates of the same day (higher totals, replays) find the firing recorded and stay silent;
 * the next day's window fires again.
 *
 * <p>Thread-safe when the ledger is.
 */
public final class DailyUsageAlerts {
  private final FiringLedger ledger;
  private final Clock clock;
  private final Supplier<UUID> notificationIds;

  public DailyUsageAlerts(FiringLedger ledger, Clock clock, Supplier<UUID> notificationIds) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.notificationIds = Objects.requireNonNull(notificationIds, "notificationIds");
  }

  /**
   * The crossings to notify, in the order of {@code rules}; each one is recorded in the ledger.
   *
   * @param window the meter's updated total; windows other than daily ones are ignored
   * @param owner the meter's owner; a window that ended before the owner took the meter over
   *     belongs to the previous owner and is ignored
   * @param rules the owner's rules, of any kind
   */
  public List<ThresholdCrossed> onUsage(UsageWindow window, MeterOwner owner, List<Rule> rules) {
    if (!owner.meterId().equals(window.meterId())) {
      throw new IllegalArgumentException("owner is of another meter than the window");
    }
    if (!window.isDaily() || !window.windowEnd().isAfter(owner.assignedFrom())) {
      return List.of();
    }
    List<ThresholdCrossed> crossed = new ArrayList<>();
    for (Rule rule : rules) {
      if (!rule.active()
          || !rule.customerId().equals(owner.customerId())
          || !rule.covers(window.meterId())
          || !(rule.condition() instanceof DailyUsageAbove daily)
          || window.energyWh() < daily.thresholdWh()) {
        continue;
      }
      UUID notificationId = notificationIds.get();
      if (ledger.recordFirst(
          new RuleFiring(rule.id(), window.windowStart(), clock.instant(), notificationId))) {
        crossed.add(
            new ThresholdCrossed(
                notificationId,
                rule.id(),
                owner.customerId(),
                window.meterId(),
                window.windowStart(),
                window.windowStart().atZone(owner.timeZone()).toLocalDate(),
                daily.thresholdWh(),
                window.energyWh(),
                window.asOf()));
      }
    }
    return crossed;
  }
}
