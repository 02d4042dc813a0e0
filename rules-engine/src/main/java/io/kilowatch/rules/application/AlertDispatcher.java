package io.kilowatch.rules.application;

import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.rules.application.port.out.CustomerCalendars;
import io.kilowatch.rules.application.port.out.NotificationLedger;
import io.kilowatch.rules.application.port.out.NotificationOutbox;
import io.kilowatch.rules.application.port.out.RuleStates;
import io.kilowatch.rules.domain.CustomerCalendar;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns rules' causes into {@code NotificationRequested} events in the caller's transaction: each
 * (rule, cause) once (notification ledger), within each rule's cooldown, through the outbox in one
 * multi-row append. Thread-safe.
 */
@Singleton
public class AlertDispatcher {
  private final RuleStates states;
  private final NotificationLedger ledger;
  private final CustomerCalendars calendars;
  private final NotificationOutbox outbox;

  AlertDispatcher(
      RuleStates states,
      NotificationLedger ledger,
      CustomerCalendars calendars,
      NotificationOutbox outbox) {
    this.states = states;
    this.ledger = ledger;
    this.calendars = calendars;
    this.outbox = outbox;
  }

  /** What became of one alert. */
  public record Outcome(PendingAlert alert, Status status, UUID notificationId) {}

  public enum Status {
    /** Requested now. */
    NOTIFIED,
    /** The cause was new but the rule's cooldown held the notification back. */
    HELD_BACK,
    /** The cause was handled before (a replay, a later update of the same window). */
    ALREADY_HANDLED
  }

  /** Dispatches the alerts; must run in a transaction. Returns an outcome per alert, in order. */
  public List<Outcome> dispatch(List<PendingAlert> alerts) {
    if (alerts.isEmpty()) {
      return List.of();
    }
    Set<UUID> ruleIds = new LinkedHashSet<>();
    Set<String> needCalendar = new LinkedHashSet<>();
    for (PendingAlert a : alerts) {
      ruleIds.add(a.rule().id());
      if (a.rule().cooldown().needsCalendar()) {
        needCalendar.add(a.rule().customerId());
      }
    }
    // locking the state rows serialises concurrent causes of the same rule
    Map<UUID, Instant> last = states.lockLastNotified(ruleIds);
    Map<String, CustomerCalendar> calendarOf = calendars.of(needCalendar);

    List<UUID> notificationIds = new ArrayList<>(alerts.size());
    List<NotificationLedger.Entry> entries = new ArrayList<>();
    Map<UUID, Instant> lastInBatch = new HashMap<>(last);
    for (PendingAlert a : alerts) {
      UUID rule = a.rule().id();
      boolean allowed =
          a.followUp()
              || a.rule()
                  .cooldown()
                  .allows(
                      lastInBatch.get(rule),
                      a.at(),
                      calendarOf.getOrDefault(a.rule().customerId(), CustomerCalendar.UTC));
      UUID notificationId =
          !allowed ? null : a.notificationId() != null ? a.notificationId() : UUID.randomUUID();
      notificationIds.add(notificationId);
      if (allowed) {
        lastInBatch.merge(rule, a.at(), (x, y) -> x.isAfter(y) ? x : y);
      }
      if (a.ledger()) {
        entries.add(new NotificationLedger.Entry(rule, a.cause(), a.at(), notificationId));
      }
    }
    Set<String> recorded = entries.isEmpty() ? Set.of() : ledger.recordFirst(entries);

    List<Outcome> outcomes = new ArrayList<>(alerts.size());
    List<EventEnvelope<NotificationRequested>> requested = new ArrayList<>();
    Map<Instant, List<UUID>> notifiedAt = new HashMap<>();
    for (int i = 0; i < alerts.size(); i++) {
      PendingAlert a = alerts.get(i);
      UUID notificationId = notificationIds.get(i);
      boolean fresh =
          !a.ledger() || recorded.contains(NotificationLedger.Entry.key(a.rule().id(), a.cause()));
      if (!fresh) {
        outcomes.add(new Outcome(a, Status.ALREADY_HANDLED, null));
      } else if (notificationId == null) {
        outcomes.add(new Outcome(a, Status.HELD_BACK, null));
      } else {
        requested.add(RequestedNotifications.envelope(notificationId, a));
        notifiedAt.computeIfAbsent(a.at(), t -> new ArrayList<>()).add(a.rule().id());
        outcomes.add(new Outcome(a, Status.NOTIFIED, notificationId));
      }
    }
    outbox.append(requested);
    notifiedAt.forEach((at, ids) -> states.markNotified(ids, at));
    return outcomes;
  }
}
