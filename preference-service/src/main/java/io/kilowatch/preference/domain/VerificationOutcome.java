package io.kilowatch.preference.domain;

/** What checking a verification code found. */
public enum VerificationOutcome {
  /** The code was right and in time: the contact point is verified. */
  VERIFIED,
  /** The code was wrong; the attempt counts. */
  WRONG_CODE,
  /** The code's time ran out; a new one must be requested. The attempt does not count. */
  EXPIRED,
  /** Too many wrong codes were tried; a new one must be requested. */
  TOO_MANY_ATTEMPTS
}
