package io.kilowatch.consent.application.port.out;

import java.time.Instant;

/** The stored key of the subject hash, for installations that do not configure one. */
public interface SubjectKeyStore {
  /**
   * The stored key; when there is none yet, stores {@code candidate} and returns it. Several
   * instances starting together all get the same key. Runs in its own transaction.
   */
  String loadOrCreate(String candidate, Instant now);
}
