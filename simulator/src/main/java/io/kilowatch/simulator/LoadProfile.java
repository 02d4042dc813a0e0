package io.kilowatch.simulator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A household's daily shape: base load at night, a morning bump, an evening peak at 18:00-21:00
 * local time. Deterministic for a meter and interval, so a replayed interval yields the same
 * reading. Thread-safe.
 */
public final class LoadProfile {
  private final ZoneId zone;

  public LoadProfile(ZoneId zone) {
    this.zone = zone;
  }

  /** Energy in Wh for the 15-minute interval that ends at {@code intervalEnd}. */
  public long energyWh(SimulatedMeter meter, Instant intervalEnd) {
    ZonedDateTime local = intervalEnd.atZone(zone);
    double hour = local.getHour() + local.getMinute() / 60.0;
    double shape;
    if (hour >= 17 && hour < 22) {
      shape = 1.0;
    } else if (hour >= 7 && hour < 9) {
      shape = 0.6;
    } else if (hour >= 9 && hour < 17) {
      shape = 0.35;
    } else {
      shape = 0.0;
    }
    long span = meter.peakLoadWh() - meter.baseLoadWh();
    // a small deterministic wobble per meter and interval
    long wobble = Math.floorMod((meter.meterId() + intervalEnd).hashCode(), 21) - 10;
    return Math.max(0, meter.baseLoadWh() + Math.round(span * shape) + wobble);
  }
}
