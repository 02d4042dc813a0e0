package io.kilowatch.channel;

import java.util.Map;
import java.util.Objects;

/**
 * One rendered message for one recipient on one channel, ready for a provider.
 *
 * @param notificationId Kilowatch's notification id; adapters pass it to the provider (custom args,
 *     status callback URL) so provider answers can be matched back
 * @param channel the channel
 * @param recipient address on that channel: E.164 phone number, email address, device token, or
 *     webhook URL
 * @param subject subject or title; null for SMS
 * @param body plain text body
 * @param metadata channel specific extras (e.g. {@code html} body for email, push data)
 */
public record OutboundMessage(
    String notificationId,
    Channel channel,
    String recipient,
    String subject,
    String body,
    Map<String, String> metadata) {
  public OutboundMessage {
    Objects.requireNonNull(notificationId, "notificationId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(body, "body");
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  public static OutboundMessage sms(String notificationId, String phoneE164, String text) {
    return new OutboundMessage(notificationId, Channel.SMS, phoneE164, null, text, Map.of());
  }
}
