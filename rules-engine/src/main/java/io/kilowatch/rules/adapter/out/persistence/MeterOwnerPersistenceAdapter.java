package io.kilowatch.rules.adapter.out.persistence;

import io.kilowatch.rules.application.port.out.MeterOwners;
import io.kilowatch.rules.domain.MeterOwner;
import jakarta.inject.Singleton;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The meter-owner projection in {@code rules.meter_owner}. Thread-safe. */
@Singleton
class MeterOwnerPersistenceAdapter implements MeterOwners {
  private final MeterOwnerMapper mapper;

  MeterOwnerPersistenceAdapter(MeterOwnerMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public Optional<MeterOwner> find(String meterId) {
    return Optional.ofNullable(mapper.find(meterId)).map(MeterOwnerPersistenceAdapter::owner);
  }

  @Override
  public List<MeterOwner> findByCustomer(String customerId) {
    return mapper.findByCustomer(customerId).stream()
        .map(MeterOwnerPersistenceAdapter::owner)
        .toList();
  }

  @Override
  public boolean regionExists(String region) {
    return mapper.regionExists(region);
  }

  private static MeterOwner owner(MeterOwnerRow r) {
    return new MeterOwner(
        r.meterId(), r.customerId(), r.region(), ZoneId.of(r.timeZone()), r.assignedFrom());
  }

  @Override
  public void assign(MeterOwner owner) {
    mapper.upsert(
        new MeterOwnerRow(
            owner.meterId(),
            owner.customerId(),
            owner.region(),
            owner.timeZone().getId(),
            owner.assignedFrom()));
  }
}
