package io.kilowatch.metering.application;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Configuration of reading ingestion ({@code kilowatch.metering.*}).
 *
 * <p>{@code zone} defines the daily windows. Changing it for a database that already holds windows
 * would make new windows overlap old ones: it needs the windows rebuilt from the readings.
 */
@ConfigurationProperties("kilowatch.metering")
public class MeteringSettings {
  private ZoneId zone = ZoneId.of("Europe/London");
  private Duration maxClockSkew = Duration.ofMinutes(5);
  private int maxBatchSize = 1000;

  /** The market's time zone; daily windows are its local days. */
  public ZoneId getZone() {
    return zone;
  }

  public void setZone(ZoneId zone) {
    this.zone = zone;
  }

  /** How far in the future a reading's timestamp may be, to allow for senders' clocks. */
  public Duration getMaxClockSkew() {
    return maxClockSkew;
  }

  public void setMaxClockSkew(Duration maxClockSkew) {
    this.maxClockSkew = maxClockSkew;
  }

  /** Most readings accepted in one batch. */
  public int getMaxBatchSize() {
    return maxBatchSize;
  }

  public void setMaxBatchSize(int maxBatchSize) {
    this.maxBatchSize = maxBatchSize;
  }
}
