package io.kilowatch.preference.domain;

import io.kilowatch.channel.Channel;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A way to reach one customer on one channel: a phone number for SMS, an email address, a device
 * token, a webhook URL. Immutable.
 *
 * @param id stable id
 * @param customerId owner
 * @param channel channel
 * @param address the address, normalised by {@link ContactAddress} (E.164 for phones, lower-case
 *     domain for email, the token for push, the https URL for webhooks)
 * @param verified whether the customer proved they control it; only verified points get messages
 *     (an unverified one gets nothing but its verification code)
 * @param createdAt when it was added
 * @param platform the device platform of a push token; null for every other channel
 * @param verifiedAt when it was verified; null while unverified
 */
public record ContactPoint(
    UUID id,
    String customerId,
    Channel channel,
    String address,
    boolean verified,
    Instant createdAt,
    PushPlatform platform,
    Instant verifiedAt) {
  public ContactPoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(createdAt, "createdAt");
    if ((channel == Channel.PUSH) != (platform != null)) {
      throw new IllegalArgumentException("a push token, and only a push token, has a platform");
    }
    if (verified != (verifiedAt != null)) {
      throw new IllegalArgumentException("verifiedAt is set exactly when the point is verified");
    }
  }

  /** A point on a channel other than push; verified at {@code createdAt} when {@code verified}. */
  public ContactPoint(
      UUID id,
      String customerId,
      Channel channel,
      String address,
      boolean verified,
      Instant createdAt) {
    this(id, customerId, channel, address, verified, createdAt, null, verified ? createdAt : null);
  }

  /** Whether the customer must prove control of the address with a code before it is used. */
  public static boolean needsVerification(Channel channel) {
    // the app that registers a push token, and the party that sets up a webhook, already prove it
    return channel == Channel.SMS || channel == Channel.EMAIL;
  }

  /** This point, verified at {@code at}. */
  public ContactPoint verifiedAt(Instant at) {
    return new ContactPoint(id, customerId, channel, address, true, createdAt, platform, at);
  }
}
