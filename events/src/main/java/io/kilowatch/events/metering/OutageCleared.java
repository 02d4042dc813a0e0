package io.kilowatch.events.metering;

import io.kilowatch.events.Decimals;
import java.time.Instant;
import java.util.Objects;

/**
 * A suspected outage is over (readings flow again).
 *
 * @param outageId the id of the {@code OutageSuspected} it clears
 * @param region the region, as in the suspected outage (may be null for a meter outage)
 * @param meterId the meter, as in the suspected outage (null for a regional outage)
 * @param clearedAt when supply came back
 */
public record OutageCleared(String outageId, String region, String meterId, Instant clearedAt) {
  public OutageCleared {
    Decimals.requireText(outageId, "outageId");
    Outages.requireScope(region, meterId);
    Objects.requireNonNull(clearedAt, "clearedAt");
  }
}
