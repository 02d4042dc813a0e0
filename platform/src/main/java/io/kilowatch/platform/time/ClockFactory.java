package io.kilowatch.platform.time;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * The one clock every module reads time from, so that tests can control it. Always UTC, ticking in
 * microseconds: PostgreSQL keeps microseconds, so what a module returns equals what it stores.
 */
@Factory
class ClockFactory {
  @Singleton
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
  }
}
