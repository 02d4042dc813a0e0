package io.kilowatch.preference.adapter.out.persistence;

import java.time.Instant;
import java.time.LocalTime;

/** One row of {@code preference.customer_preferences}; the JSONB columns as text. */
record PreferencesRow(
    String customerId,
    String locale,
    String timeZone,
    LocalTime quietStart,
    LocalTime quietEnd,
    String categories,
    String caps,
    Instant updatedAt,
    String updatedBy) {}
