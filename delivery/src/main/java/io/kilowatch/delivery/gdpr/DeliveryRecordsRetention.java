package io.kilowatch.delivery.gdpr;

import io.kilowatch.platform.gdpr.RetentionPolicy;
import io.kilowatch.platform.gdpr.RetentionTask;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * Retention of {@link RetentionPolicy#DELIVERY_RECORDS} ({@code
 * kilowatch.retention.delivery-records}, {@code P1Y}): notifications created before the cutoff with
 * their attempts, status reports, dispatch claims and deferred rows, and dead letters received
 * before it. The daily analytics counts are anonymous and stay.
 */
@Singleton
class DeliveryRecordsRetention implements RetentionTask {
  private final DeliveryPersonalDataMapper mapper;

  DeliveryRecordsRetention(DeliveryPersonalDataMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public String dataType() {
    return RetentionPolicy.DELIVERY_RECORDS;
  }

  @Override
  public long deleteExpired(Instant cutoff, int limit) {
    long deleted = mapper.deleteExpiredDeadLetters(cutoff, limit);
    List<String> ids = mapper.expiredNotifications(cutoff, limit);
    if (!ids.isEmpty()) {
      mapper.deleteAttempts(ids);
      mapper.deleteStatusEvents(ids);
      mapper.deleteDispatches(ids);
      mapper.deleteDeferred(ids);
      deleted += mapper.deleteNotifications(ids);
    }
    return deleted;
  }
}
