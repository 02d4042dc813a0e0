package io.kilowatch.events.metering;

import io.kilowatch.events.Decimals;
import java.time.Instant;
import java.util.Objects;

/**
 * Metering suspects a supply outage: a whole region (many meters went silent), or one meter.
 *
 * @param outageId identifies the outage; the {@code OutageCleared} for it carries the same id
 * @param region the region affected, or null when only {@code meterId} is known to be
 * @param meterId the meter affected, or null for a regional outage
 * @param since when the supply is thought to have stopped
 */
public record OutageSuspected(String outageId, String region, String meterId, Instant since) {
  public OutageSuspected {
    Decimals.requireText(outageId, "outageId");
    Outages.requireScope(region, meterId);
    Objects.requireNonNull(since, "since");
  }
}
