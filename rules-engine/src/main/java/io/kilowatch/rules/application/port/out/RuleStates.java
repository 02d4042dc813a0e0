package io.kilowatch.rules.application.port.out;

import io.kilowatch.rules.domain.Channel;
import io.kilowatch.rules.domain.price.Direction;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Per-rule state: price hysteresis and when the rule last notified. Calls run in the caller's
 * transaction.
 */
public interface RuleStates {
  /**
   * Fires {@code side} of each candidate that is still an active price rule at the given revision
   * and armed; returns exactly those it fired. Never fires a side twice, whatever the callers.
   */
  List<Fired> fire(Direction side, List<Candidate> candidates, Instant now);

  /** Re-arms {@code side} of each candidate at its revision that had fired; returns those. */
  List<UUID> rearm(Direction side, List<Candidate> candidates, Instant now);

  /** Locks the rules' state until the transaction ends; when each last notified (absent: never). */
  Map<UUID, Instant> lockLastNotified(Collection<UUID> ruleIds);

  /** Records that the rules notified for a cause at {@code at}. */
  void markNotified(Collection<UUID> ruleIds, Instant at);

  /** A rule side the index matched, with the rule's revision at that time. */
  record Candidate(UUID ruleId, int revision) {}

  /**
   * A side that fired now: whose it is, its cooldown, when the rule last notified and the channels
   * the rule prefers (empty: the customer's preferences).
   */
  record Fired(
      UUID ruleId,
      String customerId,
      String cooldown,
      Instant lastNotifiedAt,
      List<Channel> channels) {
    public Fired {
      channels = channels == null ? List.of() : List.copyOf(channels);
    }
  }
}
