package io.kilowatch.preference.application.port.out;

import io.kilowatch.channel.Channel;
import io.kilowatch.preference.domain.ContactPoint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Persistence port for contact points. Calls run in the caller's transaction. */
public interface ContactPointStore {
  void insert(ContactPoint point);

  Optional<ContactPoint> find(String customerId, Channel channel, String address);

  /** The customer's point with this id; empty for another customer's or an unknown id. */
  Optional<ContactPoint> findById(String customerId, UUID id);

  /** All the customer's points, oldest first. */
  List<ContactPoint> all(String customerId);

  /** The customer's verified points on a channel, oldest first. */
  List<ContactPoint> verified(String customerId, Channel channel);

  int count(String customerId);

  /** Customers with a verified point at exactly this (normalised) address on the channel. */
  List<String> customersWithVerified(Channel channel, String address);

  /** Marks the point verified; false if it no longer exists. */
  boolean markVerified(UUID id, Instant at);

  int delete(String customerId, UUID id);
}
