package io.kilowatch.preference.application;

import io.kilowatch.channel.Channel;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.preference.domain.ContactAddress;
import io.kilowatch.preference.domain.ContactPoint;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Adds, lists and removes contact points. Thread-safe. */
@Singleton
public class ContactPointService implements ContactPoints {
  private final ContactPointStore store;
  private final Clock clock;

  ContactPointService(ContactPointStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Adds a contact point, or returns the existing one for the same address.
   *
   * @throws InvalidInputException naming {@code channel} or {@code address}
   */
  @Transactional
  public ContactPoint add(String customerId, String channelName, String address) {
    Channel channel = parseChannel(channelName);
    String normalised =
        ContactAddress.normalise(channel, address)
            .orElseThrow(
                () -> InvalidInputException.of("address", ContactAddress.requirement(channel)));
    return store
        .find(customerId, channel, normalised)
        .orElseGet(
            () -> {
              // Double opt-in verification arrives with the preferences issue; until then a point
              // is usable as soon as it is added by the customer or by staff for them.
              var point =
                  new ContactPoint(
                      UUID.randomUUID(), customerId, channel, normalised, true, clock.instant());
              store.insert(point);
              return point;
            });
  }

  @Transactional
  public List<ContactPoint> list(String customerId) {
    return store.all(customerId);
  }

  /** Removes a contact point of the customer; false if they have none with that id. */
  @Transactional
  public boolean remove(String customerId, UUID id) {
    return store.delete(customerId, id) > 0;
  }

  @Override
  @Transactional
  public List<ContactPoint> verified(String customerId, Channel channel) {
    return store.verified(customerId, channel);
  }

  private static Channel parseChannel(String name) {
    if (name == null) {
      throw InvalidInputException.of("channel", "is required: sms");
    }
    try {
      Channel channel = Channel.valueOf(name.toUpperCase(Locale.ROOT));
      if (channel != Channel.SMS) {
        throw InvalidInputException.of("channel", "only sms is supported so far");
      }
      return channel;
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.of("channel", "unknown channel '" + name + "'");
    }
  }
}
