package io.kilowatch.delivery.trigger;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The system clock plus an offset the test moves forward (for the 24-hour idempotency window);
 * replaces the platform clock in contexts with {@code spec.name} starting {@code Trigger}.
 * Thread-safe.
 */
public final class TriggerTestClock extends Clock {
  private volatile Duration offset = Duration.ZERO;

  public void advance(Duration by) {
    offset = offset.plus(by);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset).truncatedTo(ChronoUnit.MICROS);
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
  @Requires(property = "spec.name", pattern = "Trigger.*")
  static class Beans {
    @Singleton
    @Replaces(Clock.class)
    TriggerTestClock clock() {
      return new TriggerTestClock();
    }
  }
}
