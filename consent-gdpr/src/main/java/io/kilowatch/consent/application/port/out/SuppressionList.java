package io.kilowatch.consent.application.port.out;

import java.time.Instant;

/** Erased people by subject hash. Calls run in the caller's transaction. */
public interface SuppressionList {
  boolean contains(String subjectHash);

  /** Adds the subject; false when it was already there. */
  boolean add(String subjectHash, Instant at);
}
