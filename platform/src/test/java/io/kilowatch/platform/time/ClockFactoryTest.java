package io.kilowatch.platform.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClockFactoryTest {
  @Test
  void instantsAreWholeMicrosecondsAndMillisWork() {
    Clock fixed = Clock.fixed(Instant.parse("2026-11-22T10:00:00.123456789Z"), ZoneOffset.UTC);
    Clock clock = new ClockFactory.MicrosecondClock(fixed);
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-22T10:00:00.123456Z"));
    assertThat(clock.millis()).isEqualTo(fixed.millis());
    assertThat(new ClockFactory().clock().getZone()).isEqualTo(ZoneOffset.UTC);
  }
}
