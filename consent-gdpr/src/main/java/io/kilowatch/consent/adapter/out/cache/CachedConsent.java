package io.kilowatch.consent.adapter.out.cache;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import io.kilowatch.consent.domain.ConsentAction;
import io.kilowatch.consent.domain.ConsentFact;
import io.kilowatch.consent.domain.ConsentHistory;
import io.kilowatch.consent.domain.Purpose;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A person's consent history as the cache holds it: no identifiers, only what decides. Written
 * field by field (Hazelcast {@link DataSerializable}); purposes and actions by wire name, so that a
 * reordered enum does not change their meaning. Immutable once read.
 */
public final class CachedConsent implements DataSerializable {
  private long version;
  private boolean erased;
  private List<ConsentFact> facts = List.of();
  private transient volatile ConsentHistory history;

  /** For Hazelcast only. */
  public CachedConsent() {}

  static CachedConsent of(ConsentHistory history) {
    CachedConsent cached = new CachedConsent();
    cached.version = history.version();
    cached.erased = history.isErased();
    cached.facts = history.facts();
    cached.history = history;
    return cached;
  }

  long version() {
    return version;
  }

  ConsentHistory history() {
    ConsentHistory h = history;
    if (h == null) {
      // a benign race: two threads may both build the same immutable value
      h = erased ? ConsentHistory.erased() : ConsentHistory.of(facts);
      history = h;
    }
    return h;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(version);
    out.writeBoolean(erased);
    out.writeInt(facts.size());
    for (ConsentFact f : facts) {
      out.writeLong(f.id());
      out.writeString(f.purpose().wireName());
      out.writeString(f.channel());
      out.writeString(f.action().wireName());
      out.writeLong(f.occurredAt().getEpochSecond());
      out.writeInt(f.occurredAt().getNano());
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    version = in.readLong();
    erased = in.readBoolean();
    int n = in.readInt();
    List<ConsentFact> read = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long id = in.readLong();
      String purpose = in.readString();
      String channel = in.readString();
      String action = in.readString();
      Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
      read.add(
          new ConsentFact(
              id,
              Purpose.fromWire(purpose)
                  .orElseThrow(() -> new IOException("unknown purpose " + purpose)),
              channel,
              ConsentAction.fromWire(action)
                  .orElseThrow(() -> new IOException("unknown action " + action)),
              at));
    }
    facts = List.copyOf(read);
  }
}
