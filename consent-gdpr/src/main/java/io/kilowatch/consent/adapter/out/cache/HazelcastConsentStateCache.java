package io.kilowatch.consent.adapter.out.cache;

import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.kilowatch.consent.application.ConsentSettings;
import io.kilowatch.consent.application.port.out.ConsentStateCache;
import io.kilowatch.consent.domain.ConsentHistory;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consent histories in the Hazelcast map {@code consent.current}, keyed by subject hash, shared by
 * every instance. Reads go to the key's owner, so a change is seen by every instance as soon as it
 * is stored. With {@code kilowatch.consent.near-cache} each member also keeps read entries as
 * objects: faster, but Hazelcast batches near-cache invalidations between members, so another
 * instance may answer from the old state for a few seconds after a change. Entries expire after
 * {@code kilowatch.consent.cache-ttl}. Thread-safe.
 */
@Singleton
class HazelcastConsentStateCache implements ConsentStateCache {
  static final String MAP = "consent.current";
  private static final Logger LOG = LoggerFactory.getLogger(HazelcastConsentStateCache.class);

  private final IMap<String, CachedConsent> map;
  private final long ttlSeconds;

  HazelcastConsentStateCache(HazelcastInstance hazelcast, ConsentSettings settings) {
    this.ttlSeconds = settings.getCacheTtl().toSeconds();
    int ttl = (int) Math.min(Integer.MAX_VALUE, ttlSeconds);
    MapConfig config = new MapConfig(MAP).setTimeToLiveSeconds(ttl);
    if (settings.isNearCache()) {
      config.setNearCacheConfig(
          new NearCacheConfig(MAP)
              .setInMemoryFormat(InMemoryFormat.OBJECT)
              .setInvalidateOnChange(true)
              .setCacheLocalEntries(true)
              .setTimeToLiveSeconds(ttl));
    }
    try {
      hazelcast.getConfig().addMapConfig(config);
    } catch (RuntimeException e) {
      // another member registered a different configuration first; its settings apply
      LOG.warn("map {} keeps the cluster's existing configuration: {}", MAP, e.getMessage());
    }
    this.map = hazelcast.getMap(MAP);
  }

  @Override
  public Optional<ConsentHistory> get(String subjectHash) {
    CachedConsent cached = map.get(subjectHash);
    return cached == null ? Optional.empty() : Optional.of(cached.history());
  }

  @Override
  public void offer(String subjectHash, ConsentHistory history) {
    map.executeOnKey(subjectHash, new KeepNewest(CachedConsent.of(history), ttlSeconds));
  }

  @Override
  public void offerLater(String subjectHash, ConsentHistory history) {
    map.submitToKey(subjectHash, new KeepNewest(CachedConsent.of(history), ttlSeconds))
        .whenComplete(
            (stored, failure) -> {
              if (failure != null) {
                LOG.debug("consent state not cached; the next read loads it again", failure);
              }
            });
  }

  @Override
  public void evict(String subjectHash) {
    map.delete(subjectHash);
  }
}
