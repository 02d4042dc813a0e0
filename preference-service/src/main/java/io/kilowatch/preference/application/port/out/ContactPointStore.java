package io.kilowatch.preference.application;

import io.kilowatch.channel.Channel;
import io.kilowatch.preference.domain.ContactPoint;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Persistence port for contact points. */
public interface ContactPointStore {
  void insert(ContactPoint point);

  Optional<ContactPoint> find(String customerId, Channel channel, String address);

  List<ContactPoint> all(String customerId);

  List<ContactPoint> verified(String customerId, Channel channel);

  int delete(String customerId, UUID id);
}
