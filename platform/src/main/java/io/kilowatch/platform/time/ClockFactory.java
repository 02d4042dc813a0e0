package io.kilowatch.platform.time;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one clock every module reads time from, so that tests can control it. Always UTC. */
@Factory
class ClockFactory {
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
