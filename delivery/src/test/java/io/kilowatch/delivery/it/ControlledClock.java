package io.kilowatch.delivery.it;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test sets, in place of the platform's, for contexts whose {@code spec.name} starts
 * with {@code delivery-clock}. UTC like the platform's. Thread-safe.
 */
public final class ControlledClock extends Clock {
  private volatile Instant now;

  ControlledClock(Instant start) {
    this.now = start;
  }

  void set(Instant instant) {
    this.now = instant;
  }

  void advance(Duration duration) {
    this.now = now.plus(duration);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the platform clock is UTC");
  }

  @Factory
  @Requires(property = "spec.name", pattern = "delivery-clock.*")
  static class Beans {
    @Singleton
    @Replaces(Clock.class)
    ControlledClock clock() {
      return new ControlledClock(Instant.parse("2026-07-15T12:00:00Z"));
    }
  }
}
