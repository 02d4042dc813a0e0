package io.kilowatch.platform.gdpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MeterPeriodTest {
  static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant TO = Instant.parse("2026-02-01T00:00:00Z");

  @Test
  void textFormRoundTripsOpenAndClosedPeriods() {
    MeterPeriod closed = new MeterPeriod("M-1", FROM, TO);
    MeterPeriod open = new MeterPeriod("M-2", FROM, null);
    assertThat(closed.encode()).isEqualTo("M-1|2026-01-01T00:00:00Z|2026-02-01T00:00:00Z");
    assertThat(MeterPeriod.parse(closed.encode())).isEqualTo(closed);
    assertThat(MeterPeriod.parse(open.encode())).isEqualTo(open);
  }

  @Test
  void coversReadingsWhoseIntervalEndsInsideThePeriod() {
    MeterPeriod closed = new MeterPeriod("M-1", FROM, TO);
    assertThat(closed.covers(FROM)).isFalse();
    assertThat(closed.covers(FROM.plusSeconds(900))).isTrue();
    assertThat(closed.covers(TO)).isTrue();
    assertThat(closed.covers(TO.plusSeconds(1))).isFalse();
    assertThat(new MeterPeriod("M-1", FROM, null).covers(TO.plusSeconds(1))).isTrue();
  }

  @Test
  void malformedTextIsRefusedAndSkippedBySubjects() {
    assertThatThrownBy(() -> MeterPeriod.parse("M-1|yesterday|"))
        .isInstanceOf(IllegalArgumentException.class);
    DataSubject subject =
        new DataSubject(
            "C-1",
            Map.of(
                DataSubject.METER_PERIOD,
                Set.of("M-1|2026-01-01T00:00:00Z|", "garbage", "M-2|x|y")));
    assertThat(subject.meterPeriods()).containsExactly(new MeterPeriod("M-1", FROM, null));
  }
}
