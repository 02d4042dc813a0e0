package io.kilowatch.rules.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PriceLevelTest {
  @ParameterizedTest
  @CsvSource({"30, 30000000", "30.5, 30500000", "-2.25, -2250000", "0.000001, 1", "0, 0"})
  void pricesBecomeWholeMicroUnits(String price, long micros) {
    assertThat(PriceLevel.of(new BigDecimal(price))).isEqualTo(micros);
    assertThat(PriceLevel.text(micros))
        .isEqualTo(new BigDecimal(price).stripTrailingZeros().toPlainString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0000001", "1000000.5", "-1000001"})
  void tooPreciseOrTooLargeIsRefused(String price) {
    assertThatThrownBy(() -> PriceLevel.of(new BigDecimal(price)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void floorAndCeilKeepExtraDecimalsExact() {
    assertThat(PriceLevel.floor(new BigDecimal("30.0000005"))).isEqualTo(30_000_000);
    assertThat(PriceLevel.ceil(new BigDecimal("30.0000005"))).isEqualTo(30_000_001);
    assertThat(PriceLevel.floor(new BigDecimal("-1.0000005"))).isEqualTo(-1_000_001);
    assertThat(PriceLevel.ceil(new BigDecimal("-1.0000005"))).isEqualTo(-1_000_000);
  }

  @Test
  void unitsByCurrency() {
    assertThat(PriceUnit.perKwh("GBP")).isEqualTo("p/kWh");
    assertThat(PriceUnit.perKwh("EUR")).isEqualTo("c/kWh");
    assertThat(PriceUnit.perKwh("SEK")).isEqualTo("SEK minor/kWh");
  }
}
