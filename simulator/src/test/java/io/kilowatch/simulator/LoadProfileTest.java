package io.kilowatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LoadProfileTest {
  final LoadProfile profile = new LoadProfile(ZoneId.of("Europe/London"));
  final SimulatedMeter meter = new SimulatedMeter("MTR-1", 100, 900);

  @Test
  void eveningPeakIsHigherThanNight() {
    long night = profile.energyWh(meter, Instant.parse("2026-11-22T03:00:00Z"));
    long evening = profile.energyWh(meter, Instant.parse("2026-11-22T19:00:00Z"));
    assertThat(night).isBetween(90L, 110L);
    assertThat(evening).isBetween(890L, 910L);
  }

  @Test
  void sameIntervalGivesSameReading() {
    Instant t = Instant.parse("2026-11-22T12:15:00Z");
    assertThat(profile.energyWh(meter, t)).isEqualTo(profile.energyWh(meter, t));
  }

  @Test
  void aDayOfThisHouseholdPassesTenKilowattHours() {
    long total = 0;
    Instant t = Instant.parse("2026-11-22T00:15:00Z");
    for (int i = 0; i < 96; i++) {
      total += profile.energyWh(meter, t.plusSeconds(900L * i));
    }
    assertThat(total).isGreaterThan(10_000);
  }
}
