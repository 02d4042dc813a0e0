package io.kilowatch.preference.adapter.out.persistence;

import io.kilowatch.channel.Channel;
import io.kilowatch.platform.persistence.Mappers;
import io.kilowatch.platform.persistence.SchemaMigration;
import io.kilowatch.preference.application.ContactPointStore;
import io.kilowatch.preference.domain.ContactPoint;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
class ContactPointPersistence implements ContactPointStore {
  private final ContactPointMapper mapper;

  ContactPointPersistence(Mappers mappers) {
    this.mapper = mappers.of(ContactPointMapper.class);
  }

  @Override
  public void insert(ContactPoint p) {
    mapper.insert(
        p.id().toString(),
        p.customerId(),
        p.channel().name(),
        p.address(),
        p.verified(),
        p.createdAt());
  }

  @Override
  public Optional<ContactPoint> find(String customerId, Channel channel, String address) {
    return mapper.find(customerId, channel.name(), address).stream()
        .findFirst()
        .map(ContactPointMapper.Row::toDomain);
  }

  @Override
  public List<ContactPoint> all(String customerId) {
    return mapper.all(customerId).stream().map(ContactPointMapper.Row::toDomain).toList();
  }

  @Override
  public List<ContactPoint> verified(String customerId, Channel channel) {
    return mapper.verified(customerId, channel.name()).stream()
        .map(ContactPointMapper.Row::toDomain)
        .toList();
  }

  @Override
  public int delete(String customerId, UUID id) {
    return mapper.delete(customerId, id.toString());
  }

  @Factory
  static class Schema {
    @Singleton
    SchemaMigration preferenceSchema() {
      return new SchemaMigration("preference", "classpath:db/preference");
    }
  }
}
