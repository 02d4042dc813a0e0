package io.kilowatch.channel;

import java.time.Instant;
import java.util.Objects;

/**
 * One status report from a provider about one message, verified (signature checked) and mapped by
 * the channel adapter.
 *
 * @param provider provider name, e.g. {@code twilio}
 * @param providerMessageId the provider's id of the message (Twilio SID, SendGrid message id)
 * @param notificationId Kilowatch's notification id when the provider echoed it back, else null
 * @param status the mapped status
 * @param recipient the address concerned (needed for suppression), may be null
 * @param errorCode the provider's error code, may be null
 * @param detail the provider's words, for support staff; may be null
 * @param occurredAt when the provider says it happened
 */
public record ProviderStatusUpdate(
    String provider,
    String providerMessageId,
    String notificationId,
    ProviderStatus status,
    String recipient,
    String errorCode,
    String detail,
    Instant occurredAt) {
  public ProviderStatusUpdate {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(occurredAt, "occurredAt");
    if (providerMessageId == null && notificationId == null) {
      throw new IllegalArgumentException(
          "a status update needs a provider message id or notification id");
    }
  }
}
