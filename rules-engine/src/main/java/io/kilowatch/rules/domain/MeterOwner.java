package io.kilowatch.rules.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Who a meter belongs to, as the rules engine learnt it from billing's events.
 *
 * @param meterId the meter
 * @param customerId its current owner
 * @param region supply region, e.g. {@code GB-LON}
 * @param timeZone the supply address's zone; days are counted in it
 * @param assignedFrom from when the owner owns the meter's readings
 */
public record MeterOwner(
    String meterId, String customerId, String region, ZoneId timeZone, Instant assignedFrom) {
  public MeterOwner {
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(assignedFrom, "assignedFrom");
  }
}
