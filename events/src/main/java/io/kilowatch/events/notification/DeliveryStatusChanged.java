package io.kilowatch.events.notification;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A notification's delivery status changed: delivery decided it (sent, failed, suppressed,
 * deferred, duplicate) or a provider reported it later (delivered, bounced, opened, clicked,
 * failed). Published once per change; consumers (the retailer's CRM through status webhooks,
 * analytics) dedupe on the event id.
 *
 * @param notificationId the notification
 * @param customerId its recipient
 * @param category what it is about
 * @param templateKey the template it was requested with
 * @param status the new status, e.g. one of {@link #STATUSES}
 * @param reason why, for a human (suppression reason, provider error); may be null
 * @param channel the channel it went out on (or was last tried on); null when none was chosen
 * @param provider the provider that sent or reported it; null when none
 * @param providerMessageId the provider's id of the message; may be null
 * @param occurredAt when the change happened (a provider's report time for callbacks)
 */
public record DeliveryStatusChanged(
    String notificationId,
    String customerId,
    NotificationCategory category,
    String templateKey,
    String status,
    String reason,
    String channel,
    String provider,
    String providerMessageId,
    Instant occurredAt) {

  /**
   * The statuses known when this version was published, as on the wire. Delivery may add statuses
   * (e.g. {@code digested}) without a new version: consumers must accept, and may ignore, a status
   * they do not know. Any status is lower-case words joined by {@code -}.
   */
  public static final List<String> STATUSES =
      List.of(
          "deferred",
          "suppressed",
          "duplicate",
          "digested",
          "sent",
          "delivered",
          "failed",
          "bounced",
          "opened",
          "clicked");

  private static final Pattern STATUS = Pattern.compile("[a-z]+(-[a-z]+)*");

  public DeliveryStatusChanged {
    Objects.requireNonNull(notificationId, "notificationId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(templateKey, "templateKey");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(occurredAt, "occurredAt");
    if (!STATUS.matcher(status).matches() || status.equals("requested")) {
      throw new IllegalArgumentException(
          "status: '" + status + "' is not a status a notification moves to, e.g. " + STATUSES);
    }
    if (channel != null && !NotificationRequested.CHANNELS.contains(channel)) {
      throw new IllegalArgumentException(
          "channel: '" + channel + "' is not one of " + NotificationRequested.CHANNELS);
    }
  }
}
