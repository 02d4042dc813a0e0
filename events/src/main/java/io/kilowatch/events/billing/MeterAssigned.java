package io.kilowatch.events.billing;

import java.time.Instant;
import java.util.Objects;

/**
 * A meter now belongs to a customer's account (move-in, new supply, meter exchange).
 *
 * @param customerId the customer
 * @param meterId the meter
 * @param region supply region (grid area), e.g. {@code GB-LON}
 * @param timeZone IANA zone of the supply address, e.g. {@code Europe/London}
 * @param assignedFrom from when the customer owns the meter's readings
 */
public record MeterAssigned(
    String customerId, String meterId, String region, String timeZone, Instant assignedFrom) {
  public MeterAssigned {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(assignedFrom, "assignedFrom");
  }
}
