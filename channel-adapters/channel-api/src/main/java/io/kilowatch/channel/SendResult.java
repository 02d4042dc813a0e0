package io.kilowatch.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * A provider's answer to one send, classified so that delivery can decide what to do next without
 * knowing the provider: record it, retry it later, or give up on this channel.
 */
public sealed interface SendResult {
  /** Provider name, e.g. {@code twilio}. */
  String provider();

  /** The provider took the message; {@code providerMessageId} identifies it in callbacks. */
  record Accepted(String provider, String providerMessageId) implements SendResult {
    public Accepted {
      Objects.requireNonNull(providerMessageId, "providerMessageId");
    }
  }

  /**
   * Failed for a reason that may pass (timeout, 429, 5xx). {@code retryAfter} is the provider's
   * hint, or null.
   */
  record RetryableFailure(String provider, String errorCode, String message, Duration retryAfter)
      implements SendResult {}

  /** Will never succeed as sent (invalid number, unsubscribed, bad token). */
  record PermanentFailure(String provider, String errorCode, String message)
      implements SendResult {}
}
