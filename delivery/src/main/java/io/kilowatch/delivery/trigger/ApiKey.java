package io.kilowatch.delivery.trigger;

import io.kilowatch.events.notification.NotificationCategory;
import java.time.Instant;
import java.util.Set;

/**
 * A calling system's API key as the API shows it: never the key itself (shown once at creation) nor
 * its hash.
 *
 * @param id stable id, used to revoke it
 * @param name what the admin called it, e.g. {@code crm-prod}
 * @param prefix the first characters of the key, to recognise it ({@code kw_live_3fA9c2})
 * @param categories the notification categories the key may request
 * @param createdBy who created it
 * @param createdAt when
 * @param revokedBy who revoked it; null while active
 * @param revokedAt when; null while active
 */
public record ApiKey(
    String id,
    String name,
    String prefix,
    Set<NotificationCategory> categories,
    String createdBy,
    Instant createdAt,
    String revokedBy,
    Instant revokedAt) {
  public boolean active() {
    return revokedAt == null;
  }
}
