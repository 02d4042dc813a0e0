package io.kilowatch.billing.adapter.out.persistence;

import java.time.Instant;

/** One row of {@code billing.meter_assignment}. */
record AssignmentRow(String customerId, String meterId, Instant assignedFrom, Instant assignedTo) {}
