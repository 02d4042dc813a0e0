package io.kilowatch.consent.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One person's consent ledger, reduced to what decides, and the rules that derive the current state
 * from it. Immutable and thread-safe.
 *
 * <p>The rules: for a purpose and a channel, the latest entry (by {@link ConsentFact#LEDGER_ORDER})
 * that covers the channel decides: one naming the channel, or one naming no channel (all channels).
 * A grant allows, a withdrawal refuses ({@link Refusal#WITHDRAWN}). Without any covering entry, a
 * purpose that {@linkplain Purpose#requiresOptIn() needs an opt-in} is refused ({@link
 * Refusal#NO_CONSENT}) and the service purpose is allowed. An erased person is refused everything
 * ({@link Refusal#ERASED}), whatever the ledger says.
 */
public final class ConsentHistory {
  private static final ConsentHistory ERASED = new ConsentHistory(List.of(), true);
  private static final ConsentHistory EMPTY = new ConsentHistory(List.of(), false);

  private final List<ConsentFact> facts;
  private final boolean erased;

  private ConsentHistory(List<ConsentFact> facts, boolean erased) {
    this.facts = facts;
    this.erased = erased;
  }

  /** The history of a person who has these ledger entries, in any order. */
  public static ConsentHistory of(Collection<ConsentFact> facts) {
    if (facts.isEmpty()) {
      return EMPTY;
    }
    List<ConsentFact> sorted = new ArrayList<>(facts);
    sorted.sort(ConsentFact.LEDGER_ORDER);
    return new ConsentHistory(List.copyOf(sorted), false);
  }

  /** The history of an erased person: everything refused. */
  public static ConsentHistory erased() {
    return ERASED;
  }

  public boolean isErased() {
    return erased;
  }

  /** The entries, oldest first; empty for an erased person. */
  public List<ConsentFact> facts() {
    return facts;
  }

  /**
   * Monotonic version of what the history was derived from: the highest ledger id (ids of one
   * person's entries grow in commit order), 0 for no entries, {@link Long#MAX_VALUE} once erased
   * (erasure is final).
   */
  public long version() {
    if (erased) {
      return Long.MAX_VALUE;
    }
    return facts.stream().mapToLong(ConsentFact::id).max().orElse(0L);
  }

  /**
   * May a message for the purpose go out on the channel at the instant?
   *
   * @param channel a channel's wire name, never null (a message always has one channel)
   * @param at the instant of sending; entries expressed later are not yet known at it
   */
  public Verdict decide(Purpose purpose, String channel, Instant at) {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(at, "at");
    if (erased) {
      return Verdict.refuse(Refusal.ERASED, null);
    }
    ConsentFact latest = null;
    for (ConsentFact fact : facts) {
      if (fact.occurredAt().isAfter(at)) {
        break;
      }
      if (fact.covers(purpose, channel)) {
        latest = fact;
      }
    }
    if (latest == null) {
      return purpose.requiresOptIn()
          ? Verdict.refuse(Refusal.NO_CONSENT, null)
          : Verdict.allow(null);
    }
    return latest.action() == ConsentAction.GRANTED
        ? Verdict.allow(latest)
        : Verdict.refuse(Refusal.WITHDRAWN, latest);
  }

  /**
   * The entries still in force: the latest one per purpose and channel scope (a channel, or all
   * channels), in ledger order. An all-channels entry stays in force beside later entries for
   * single channels, which override it for their channel only.
   */
  public List<ConsentFact> inForce() {
    Map<String, ConsentFact> latest = new LinkedHashMap<>();
    for (ConsentFact fact : facts) {
      if (fact.channel() == null) {
        // a later all-channels entry overrides every earlier entry of the purpose
        latest.keySet().removeIf(k -> k.startsWith(fact.purpose().wireName() + "/"));
      }
      String key =
          fact.purpose().wireName() + "/" + (fact.channel() == null ? "*" : fact.channel());
      latest.remove(key);
      latest.put(key, fact);
    }
    return List.copyOf(latest.values());
  }
}
