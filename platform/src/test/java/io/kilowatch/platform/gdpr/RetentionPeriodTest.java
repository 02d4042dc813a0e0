package io.kilowatch.platform.gdpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetentionPeriodTest {
  static final Instant NOW = Instant.parse("2028-02-29T12:00:00Z");

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "P6Y,     2022-02-28T12:00:00Z",
    "p1y,     2027-02-28T12:00:00Z",
    "P18M,    2026-08-29T12:00:00Z",
    "P30D,    2028-01-30T12:00:00Z",
    "PT12H,   2028-02-29T00:00:00Z",
    "P1DT1H,  2028-02-28T11:00:00Z",
  })
  void periodsAndDurationsCountBackFromNow(String text, String cutoff) {
    assertThat(RetentionPeriod.parse(text).expiresBefore(NOW)).contains(Instant.parse(cutoff));
  }

  @org.junit.jupiter.api.Test
  void foreverNeverExpires() {
    RetentionPeriod forever = RetentionPeriod.parse("forever");
    assertThat(forever.isForever()).isTrue();
    assertThat(forever.expiresBefore(NOW)).isEmpty();
    assertThat(forever.toString()).isEqualTo("forever");
  }

  @ParameterizedTest
  @ValueSource(strings = {"6y", "six years", "", "P0D", "PT0S", "P-1Y", "-PT1H"})
  void anythingElseIsRefusedWithTheReason(String text) {
    assertThatThrownBy(() -> RetentionPeriod.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retention");
  }
}
