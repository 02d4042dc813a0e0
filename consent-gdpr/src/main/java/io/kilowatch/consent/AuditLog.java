package io.kilowatch.consent;

import java.util.Map;

/**
 * The audit log of staff actions on personal data: support views and edits, compliance exports and
 * erasures. Append-only; compliance officers query it. Any module records its staff actions here,
 * in the caller's transaction if there is one (so the action and its audit entry commit together).
 * Thread-safe.
 */
public interface AuditLog {
  /**
   * Records one staff action.
   *
   * @param actor who: the subject of the staff member's token
   * @param role the role they acted in, e.g. {@code support}
   * @param action what, as {@code <thing>.<verb>}: {@code timeline.viewed}, {@code
   *     preferences.updated}, {@code notification.resent}
   * @param customerId whose data; null for actions about no one person. For an erased person the
   *     entry keeps only their subject hash.
   * @param reason why, as the staff member gave it ({@code X-Kilowatch-Reason}); may be null where
   *     the action does not require one
   * @param details JSON-serialisable facts about the action (ids, changed fields); no secrets; may
   *     be null
   * @throws IllegalArgumentException when actor, role or action is blank
   */
  void record(
      String actor,
      String role,
      String action,
      String customerId,
      String reason,
      Map<String, ?> details);
}
