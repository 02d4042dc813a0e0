package io.kilowatch.metering.gdpr;

import io.kilowatch.platform.gdpr.RetentionPolicy;
import io.kilowatch.platform.gdpr.RetentionTask;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * Retention of {@link RetentionPolicy#READINGS} ({@code kilowatch.retention.readings}, {@code
 * P2Y}): readings whose interval ended before the cutoff, and daily windows that ended before it.
 */
@Singleton
class ReadingsRetention implements RetentionTask {
  private final MeteringPersonalDataMapper mapper;

  ReadingsRetention(MeteringPersonalDataMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public String dataType() {
    return RetentionPolicy.READINGS;
  }

  @Override
  public long deleteExpired(Instant cutoff, int limit) {
    return (long) mapper.deleteExpiredReadings(cutoff, limit)
        + mapper.deleteExpiredDailyUsage(cutoff, limit);
  }
}
