package io.kilowatch.preference;

import io.kilowatch.preference.application.VerificationCodes;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/**
 * For the module's integration tests (spec names starting {@code preference-}): a clock the test
 * sets, in place of the platform's, and verification codes the test knows, in place of random ones.
 */
@Factory
@Requires(property = "spec.name", pattern = "preference-.*")
class ControlledBeans {
  static final Instant START = Instant.parse("2026-07-15T09:00:00Z");

  @Singleton
  @Replaces(Clock.class)
  MutableClock clock() {
    return new MutableClock(START);
  }

  @Singleton
  @Replaces(VerificationCodes.class)
  ScriptedCodes codes() {
    return new ScriptedCodes();
  }
}
