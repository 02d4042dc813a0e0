package io.kilowatch.delivery.adapter.out.cache;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.kilowatch.delivery.application.DedupeCache;
import io.kilowatch.delivery.application.DeliverySettings;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/**
 * Dedupe keys in the Hazelcast map {@code delivery.dedupe}, shared by every instance in the
 * cluster. A key expires after {@code kilowatch.delivery.dedupe-ttl}; PostgreSQL keeps the claim
 * for good. Thread-safe.
 */
@Singleton
class HazelcastDedupeCache implements DedupeCache {
  static final String MAP = "delivery.dedupe";

  private final IMap<String, String> keys;
  private final long ttlSeconds;

  HazelcastDedupeCache(HazelcastInstance hazelcast, DeliverySettings settings) {
    this.keys = hazelcast.getMap(MAP);
    this.ttlSeconds = settings.getDedupeTtl().toSeconds();
  }

  @Override
  public boolean claim(String dedupeKey, String notificationId) {
    String holder = keys.putIfAbsent(dedupeKey, notificationId, ttlSeconds, TimeUnit.SECONDS);
    // The same notification coming back (a redelivery after a crash) still holds its own key.
    return holder == null || holder.equals(notificationId);
  }

  @Override
  public void release(String dedupeKey, String notificationId) {
    keys.remove(dedupeKey, notificationId);
  }
}
