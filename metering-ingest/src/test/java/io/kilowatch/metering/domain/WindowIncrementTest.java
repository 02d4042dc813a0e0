package io.kilowatch.metering.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowIncrementTest {
  static final ZoneId LONDON = ZoneId.of("Europe/London");

  static Reading reading(String id, String meter, String end, long wh) {
    return new Reading(id, meter, Instant.parse(end), wh);
  }

  @Test
  void sumsPerMeterAndLocalDayInMeterThenDayOrder() {
    var increments =
        WindowIncrement.sum(
            List.of(
                reading("r1", "MTR-2", "2026-10-25T00:30:00Z", 5),
                reading("r2", "MTR-1", "2026-10-25T01:30:00Z", 300),
                reading("r3", "MTR-1", "2026-10-24T23:00:00Z", 100),
                reading("r4", "MTR-1", "2026-10-25T00:30:00Z", 400)),
            LONDON);

    assertThat(increments)
        .containsExactly(
            new WindowIncrement(
                "MTR-1", DailyWindow.of(LocalDate.parse("2026-10-24"), LONDON), 100, 1),
            new WindowIncrement(
                "MTR-1", DailyWindow.of(LocalDate.parse("2026-10-25"), LONDON), 700, 2),
            new WindowIncrement(
                "MTR-2", DailyWindow.of(LocalDate.parse("2026-10-25"), LONDON), 5, 1));
  }

  @Test
  void noReadingsNoIncrements() {
    assertThat(WindowIncrement.sum(List.of(), LONDON)).isEmpty();
  }
}
