package io.kilowatch.rules.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnergyTest {

  @ParameterizedTest
  @CsvSource({
    "10, 10000",
    "10.25, 10250",
    "0.001, 1",
    "7.500, 7500",
    "10.0000, 10000",
    "1E+1, 10000",
    "1000000, 1000000000"
  })
  void kilowattHoursBecomeExactWattHours(String kwh, long wh) {
    assertThat(Energy.kwhToWh(new BigDecimal(kwh))).isEqualTo(wh);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "0.0000", "10.0001", "0.0005", "1000000.001", "1E+7"})
  void invalidThresholdsAreRejected(String kwh) {
    assertThatThrownBy(() -> Energy.kwhToWh(new BigDecimal(kwh)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({"10250, 10.25", "10000, 10", "1, 0.001", "0, 0", "123456789, 123456.789"})
  void wattHoursPrintAsExactKilowattHours(long wh, String kwh) {
    assertThat(Energy.whToKwh(wh)).isEqualTo(kwh);
  }
}
