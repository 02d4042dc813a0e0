package io.kilowatch.rules.application;

import io.kilowatch.events.billing.MeterAssigned;
import io.kilowatch.platform.messaging.RejectedEventException;
import io.kilowatch.rules.application.port.out.MeterOwners;
import io.kilowatch.rules.domain.MeterOwner;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.DateTimeException;
import java.time.ZoneId;

/** Keeps {@code rules.meter_owner} from billing's {@code MeterAssigned} events. Thread-safe. */
@Singleton
public class MeterOwnerProjection {
  private final MeterOwners owners;

  MeterOwnerProjection(MeterOwners owners) {
    this.owners = owners;
  }

  /**
   * @throws RejectedEventException for an assignment that can never be applied (blank ids, a zone
   *     that is not a region-based zone id)
   */
  @Transactional
  public void apply(MeterAssigned assigned) {
    if (assigned.customerId().isBlank() || assigned.meterId().isBlank()) {
      throw new RejectedEventException("customerId and meterId must not be blank");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(assigned.timeZone());
    } catch (DateTimeException e) {
      throw new RejectedEventException("timeZone '" + assigned.timeZone() + "' is not a zone id");
    }
    owners.assign(
        new MeterOwner(
            assigned.meterId(),
            assigned.customerId(),
            assigned.region(),
            zone,
            assigned.assignedFrom()));
  }
}
