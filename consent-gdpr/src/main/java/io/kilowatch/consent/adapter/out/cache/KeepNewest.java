package io.kilowatch.consent.adapter.out.cache;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stores the candidate unless the entry already holds a newer version; runs on the key's owner, so
 * concurrent offers for one person are applied one at a time.
 */
public final class KeepNewest
    implements EntryProcessor<String, CachedConsent, Boolean>, DataSerializable {
  private CachedConsent candidate;
  private long ttlSeconds;

  /** For Hazelcast only. */
  public KeepNewest() {}

  KeepNewest(CachedConsent candidate, long ttlSeconds) {
    this.candidate = candidate;
    this.ttlSeconds = ttlSeconds;
  }

  @Override
  public Boolean process(Map.Entry<String, CachedConsent> entry) {
    CachedConsent current = entry.getValue();
    if (current != null && current.version() >= candidate.version()) {
      return false;
    }
    ((ExtendedMapEntry<String, CachedConsent>) entry)
        .setValue(candidate, ttlSeconds, TimeUnit.SECONDS);
    return true;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeObject(candidate);
    out.writeLong(ttlSeconds);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    candidate = in.readObject();
    ttlSeconds = in.readLong();
  }
}
