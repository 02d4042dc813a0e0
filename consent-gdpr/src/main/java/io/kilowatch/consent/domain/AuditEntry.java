package io.kilowatch.consent.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One staff action in the audit log. Immutable.
 *
 * @param id log id, assigned when stored (0 before)
 * @param occurredAt when
 * @param actor who (a staff member's token subject)
 * @param role the role they acted in
 * @param action what, e.g. {@code consent.viewed}
 * @param customerId whose data; the subject hash once the person was erased; null for none
 * @param subjectErased true when {@code customerId} is a subject hash
 * @param reason why, as given; null where not required
 * @param detailsJson facts about the action as a JSON object, or null
 */
public record AuditEntry(
    long id,
    Instant occurredAt,
    String actor,
    String role,
    String action,
    String customerId,
    boolean subjectErased,
    String reason,
    String detailsJson) {
  public AuditEntry {
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(action, "action");
  }
}
