package io.kilowatch.billing.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A meter belonging to a customer's account for a period.
 *
 * @param meterId the meter
 * @param assignedFrom from when the customer owns the meter's readings
 * @param assignedTo until when (exclusive); null while the assignment is current
 */
public record MeterAssignment(String meterId, Instant assignedFrom, Instant assignedTo) {
  public MeterAssignment {
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(assignedFrom, "assignedFrom");
    if (assignedTo != null && !assignedTo.isAfter(assignedFrom)) {
      throw new IllegalArgumentException("assignedTo must be after assignedFrom");
    }
  }

  public boolean isCurrent() {
    return assignedTo == null;
  }
}
