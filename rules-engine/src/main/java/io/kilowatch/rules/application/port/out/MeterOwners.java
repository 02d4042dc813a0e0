package io.kilowatch.rules.application.port.out;

import io.kilowatch.rules.domain.MeterOwner;
import java.util.Optional;

/**
 * The rules engine's projection of meter ownership, kept from billing's {@code MeterAssigned}
 * events (never read from billing's tables). Calls run in the caller's transaction.
 */
public interface MeterOwners {
  Optional<MeterOwner> find(String meterId);

  /**
   * Records the assignment unless the projection already holds a later one for the meter, so that
   * assignments arriving out of order leave the latest owner in place.
   */
  void assign(MeterOwner owner);
}
