package io.kilowatch.preference.domain;

import io.kilowatch.channel.Channel;
import java.time.Instant;
import java.util.Objects;

/**
 * A message that went out to a customer, as frequency caps count it.
 *
 * @param channel the channel it went out on
 * @param category what it was about; null when the sender did not say (it then counts towards the
 *     overall caps only, not towards any category's own caps)
 * @param sentAt when it was handed to the provider
 */
public record SentMessage(Channel channel, Category category, Instant sentAt) {
  public SentMessage {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(sentAt, "sentAt");
  }
}
