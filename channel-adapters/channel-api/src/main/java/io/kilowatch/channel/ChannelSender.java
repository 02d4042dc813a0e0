package io.kilowatch.channel;

/**
 * Sends messages through one provider on one channel. Implementations call the provider once per
 * {@link #send} and never retry: retries, circuit breaking, failover and fallback are delivery's
 * job. They never throw for a provider's answer; network errors become {@link
 * SendResult.RetryableFailure}. Implementations are thread-safe.
 */
public interface ChannelSender {
  Channel channel();

  /** Provider name, e.g. {@code twilio}; with a profile suffix for a backup account. */
  String provider();

  SendResult send(OutboundMessage message);
}
