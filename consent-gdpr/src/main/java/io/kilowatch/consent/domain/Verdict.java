package io.kilowatch.consent.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer for one purpose and channel.
 *
 * @param allowed whether a message may be sent
 * @param refusal why not; null when allowed
 * @param decidedBy the ledger entry the answer rests on; null when it rests on the purpose's
 *     default or on erasure
 */
public record Verdict(boolean allowed, Refusal refusal, ConsentFact decidedBy) {
  public Verdict {
    if (allowed == (refusal != null)) {
      throw new IllegalArgumentException("a verdict is allowed or has a refusal, not both");
    }
  }

  static Verdict allow(ConsentFact decidedBy) {
    return new Verdict(true, null, decidedBy);
  }

  static Verdict refuse(Refusal refusal, ConsentFact decidedBy) {
    return new Verdict(false, Objects.requireNonNull(refusal), decidedBy);
  }

  public Optional<ConsentFact> basis() {
    return Optional.ofNullable(decidedBy);
  }
}
