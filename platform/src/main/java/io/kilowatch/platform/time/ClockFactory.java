package io.kilowatch.platform.time;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The one clock every module reads time from, so that tests can control it. Always UTC, with
 * instants in whole microseconds: PostgreSQL keeps microseconds, so what a module returns equals
 * what it stores. (Not {@code Clock.tick}: on Java 17 its {@code millis()} divides by zero for
 * ticks shorter than a millisecond.)
 */
@Factory
class ClockFactory {
  @Singleton
  Clock clock() {
    return new MicrosecondClock(Clock.systemUTC());
  }

  /** A clock whose instants are truncated to microseconds. Immutable and thread-safe. */
  static final class MicrosecondClock extends Clock {
    private final Clock base;

    MicrosecondClock(Clock base) {
      this.base = base;
    }

    @Override
    public ZoneId getZone() {
      return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new MicrosecondClock(base.withZone(zone));
    }

    @Override
    public Instant instant() {
      return base.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public long millis() {
      return base.millis();
    }
  }
}
