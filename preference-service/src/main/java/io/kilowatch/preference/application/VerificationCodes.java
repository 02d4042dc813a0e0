package io.kilowatch.preference.application;

/** Makes verification codes: six digits, unpredictable. Implementations are thread-safe. */
public interface VerificationCodes {
  /** A new code of exactly six digits. */
  String next();
}
