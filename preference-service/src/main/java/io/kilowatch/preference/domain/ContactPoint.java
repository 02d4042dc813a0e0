package io.kilowatch.preference.domain;

import io.kilowatch.channel.Channel;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A way to reach one customer on one channel: a phone number for SMS, an email address, a device
 * token, a webhook URL.
 *
 * @param id stable id
 * @param customerId owner
 * @param channel channel
 * @param address the address, normalised (E.164 for phones)
 * @param verified whether the customer proved they control it; only verified points get messages
 * @param createdAt when it was added
 */
public record ContactPoint(
    UUID id,
    String customerId,
    Channel channel,
    String address,
    boolean verified,
    Instant createdAt) {
  public ContactPoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
