package io.kilowatch.rules.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Append-only log of staff access to customers' rules. Calls run in the caller's transaction. */
public interface AuditLog {
  /** Appends the entry (its {@code id} is ignored: the log numbers its entries). */
  void append(Entry entry);

  /** The customer's entries, newest first, with ids below {@code beforeId} when it is not null. */
  List<Entry> list(String customerId, Long beforeId, int limit);

  /**
   * One staff action on one customer's rules.
   *
   * @param id the log's number for the entry; null before it is appended
   * @param at when
   * @param actor the staff member (the token's subject)
   * @param actorRoles their roles, sorted, comma separated
   * @param customerId whose rules
   * @param action what, e.g. {@code rules.read}
   * @param summary what they saw or did, in a few words
   * @param reason the reason they gave; may be null
   */
  record Entry(
      Long id,
      Instant at,
      String actor,
      String actorRoles,
      String customerId,
      String action,
      String summary,
      String reason) {
    public Entry {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(actorRoles, "actorRoles");
      Objects.requireNonNull(customerId, "customerId");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(summary, "summary");
    }
  }
}
