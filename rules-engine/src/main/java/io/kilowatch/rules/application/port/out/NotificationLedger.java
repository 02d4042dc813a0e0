package io.kilowatch.rules.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Which rule handled which cause, once: of two transactions recording the same (rule, cause), one
 * wins. Calls run in the caller's transaction.
 */
public interface NotificationLedger {
  /** Records the entries not yet recorded; returns the keys ({@link Entry#key}) recorded now. */
  Set<String> recordFirst(List<Entry> entries);

  /** A daily firing ({@code rules.rule_firing}) whose notification a cooldown held back. */
  void clearDailyFiring(UUID ruleId, Instant windowStart);

  /**
   * @param notificationId the notification requested for it; null when a cooldown held it back
   */
  record Entry(UUID ruleId, String cause, Instant causedAt, UUID notificationId) {
    public String key() {
      return key(ruleId, cause);
    }

    public static String key(UUID ruleId, String cause) {
      return ruleId + " " + cause;
    }
  }
}
