package io.kilowatch.preference.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the append-only audit log: who did what to whose preferences, and when. Immutable.
 *
 * @param id the entry's sequence number; null before it is stored
 * @param at when it happened
 * @param actor who acted: a staff member's token subject, or the customer themselves
 * @param actorRoles the actor's roles, comma separated and sorted
 * @param customerId whose data it was
 * @param action what was done, e.g. {@code preferences.update}
 * @param target what it was done to, e.g. a contact point id; null for the preferences
 * @param before the data before a change (JSON-like maps, lists and scalars); null for none
 * @param after the data after a change; null for none
 * @param summary a short human-readable account
 * @param reason the reason the staff member gave ({@code X-Kilowatch-Reason}); null when none
 */
public record AuditEntry(
    Long id,
    Instant at,
    String actor,
    String actorRoles,
    String customerId,
    String action,
    String target,
    Map<String, Object> before,
    Map<String, Object> after,
    String summary,
    String reason) {
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(actorRoles, "actorRoles");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(summary, "summary");
    before = before == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(before));
    after = after == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(after));
  }
}
