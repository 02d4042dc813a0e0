package io.kilowatch.preference.application;

import jakarta.inject.Singleton;
import java.security.SecureRandom;

/** Codes from {@link SecureRandom}, uniform over 000000–999999. Thread-safe. */
@Singleton
class RandomVerificationCodes implements VerificationCodes {
  private final SecureRandom random = new SecureRandom();

  @Override
  public String next() {
    return String.format("%06d", random.nextInt(1_000_000));
  }
}
