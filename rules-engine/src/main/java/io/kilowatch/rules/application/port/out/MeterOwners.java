package io.kilowatch.rules.application.port.out;

import io.kilowatch.rules.domain.MeterOwner;
import java.util.List;
import java.util.Optional;

/**
 * The rules engine's projection of meter ownership, kept from billing's {@code MeterAssigned}
 * events (never read from billing's tables). Calls run in the caller's transaction.
 */
public interface MeterOwners {
  Optional<MeterOwner> find(String meterId);

  /** The customer's meters, most recently assigned first. */
  List<MeterOwner> findByCustomer(String customerId);

  /** True when some meter of the projection is in the region. */
  boolean regionExists(String region);

  /**
   * Records the assignment unless the projection already holds a later one for the meter, so that
   * assignments arriving out of order leave the latest owner in place.
   */
  void assign(MeterOwner owner);
}
