package io.kilowatch.billing.application.port.out;

import java.util.Collection;
import java.util.Map;

/**
 * Who owns a meter now, according to billing's own records.
 *
 * <p>Internal to billing-core. The notification side (rules-engine, delivery) must not call it:
 * they learn ownership from {@code billing.meter-assigned.v1} events and keep their own projection,
 * because events are the only coupling between producing modules and the notification side.
 */
public interface MeterOwnership {
  /** The current owner's customer id for each of the given meters that has one. */
  Map<String, String> currentOwners(Collection<String> meterIds);
}
