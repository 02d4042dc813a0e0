package io.kilowatch.preference.adapter.out.persistence;

import io.kilowatch.channel.Channel;
import io.kilowatch.preference.application.port.out.ContactPointStore;
import io.kilowatch.preference.application.port.out.CustomerLocks;
import io.kilowatch.preference.domain.ContactPoint;
import io.kilowatch.preference.domain.PushPlatform;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Contact points in {@code preference.contact_point}. Thread-safe. */
@Singleton
class ContactPointPersistenceAdapter implements ContactPointStore, CustomerLocks {
  private final ContactPointMapper mapper;

  ContactPointPersistenceAdapter(ContactPointMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public void lock(String customerId) {
    mapper.lock("preference.customer:" + customerId);
  }

  @Override
  public void insert(ContactPoint p) {
    mapper.insert(
        new ContactPointRow(
            p.id().toString(),
            p.customerId(),
            p.channel().name(),
            p.address(),
            p.verified(),
            p.createdAt(),
            p.platform() == null ? null : p.platform().name(),
            p.verifiedAt()));
  }

  @Override
  public Optional<ContactPoint> find(String customerId, Channel channel, String address) {
    return Optional.ofNullable(mapper.find(customerId, channel.name(), address))
        .map(ContactPointPersistenceAdapter::toDomain);
  }

  @Override
  public Optional<ContactPoint> findById(String customerId, UUID id) {
    return Optional.ofNullable(mapper.findById(customerId, id.toString()))
        .map(ContactPointPersistenceAdapter::toDomain);
  }

  @Override
  public List<ContactPoint> all(String customerId) {
    return mapper.all(customerId).stream().map(ContactPointPersistenceAdapter::toDomain).toList();
  }

  @Override
  public List<ContactPoint> verified(String customerId, Channel channel) {
    return mapper.verified(customerId, channel.name()).stream()
        .map(ContactPointPersistenceAdapter::toDomain)
        .toList();
  }

  @Override
  public List<String> customersWithVerified(Channel channel, String address) {
    return mapper.customersWithVerified(channel.name(), address);
  }

  @Override
  public int count(String customerId) {
    return mapper.count(customerId);
  }

  @Override
  public boolean markVerified(UUID id, Instant at) {
    return mapper.markVerified(id.toString(), at) == 1;
  }

  @Override
  public int delete(String customerId, UUID id) {
    return mapper.delete(customerId, id.toString());
  }

  private static ContactPoint toDomain(ContactPointRow row) {
    return new ContactPoint(
        UUID.fromString(row.id()),
        row.customerId(),
        Channel.valueOf(row.channel()),
        row.address(),
        row.verified(),
        row.createdAt(),
        row.platform() == null ? null : PushPlatform.valueOf(row.platform()),
        row.verifiedAt());
  }
}
