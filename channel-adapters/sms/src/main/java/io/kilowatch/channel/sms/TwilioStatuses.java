package io.kilowatch.channel.sms;

import io.kilowatch.channel.ProviderStatus;
import java.util.Locale;
import java.util.Map;

/**
 * Twilio's message statuses (https://www.twilio.com/docs/messaging/api/message-resource) in
 * Kilowatch's terms. Statuses that say nothing about an outbound message's delivery ({@code
 * scheduled}, {@code canceled}, {@code receiving}, {@code received}, {@code partially_delivered})
 * and unknown ones map to null: logged and not passed on. Stateless and thread-safe.
 */
final class TwilioStatuses {
  private static final Map<String, ProviderStatus> STATUSES =
      Map.of(
          "accepted", ProviderStatus.SENT,
          "queued", ProviderStatus.SENT,
          "sending", ProviderStatus.SENT,
          "sent", ProviderStatus.SENT,
          "delivered", ProviderStatus.DELIVERED,
          // Read receipts (WhatsApp, RCS) come after delivery.
          "read", ProviderStatus.DELIVERED,
          "undelivered", ProviderStatus.FAILED,
          "failed", ProviderStatus.FAILED);

  private TwilioStatuses() {}

  /** Kilowatch's status for Twilio's {@code MessageStatus}, or null if it has none. */
  static ProviderStatus map(String messageStatus) {
    return messageStatus == null
        ? null
        : STATUSES.get(messageStatus.strip().toLowerCase(Locale.ROOT));
  }
}
