package io.kilowatch.rules.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {
  @Test
  void budgetsArePositiveExactAmountsInWholeMinorUnits() {
    assertThat(Money.positive(new BigDecimal("120.50"), "GBP").text()).isEqualTo("120.5");
    assertThat(Money.positive(new BigDecimal("1E+2"), "GBP").text()).isEqualTo("100");
    assertThatThrownBy(() -> Money.positive(new BigDecimal("-1"), "GBP"))
        .hasMessageContaining("greater than 0");
    assertThatThrownBy(() -> Money.positive(new BigDecimal("10.005"), "GBP"))
        .hasMessageContaining("at most 2 decimals");
    assertThatThrownBy(() -> Money.positive(new BigDecimal("10.5"), "JPY"))
        .hasMessageContaining("at most 0 decimals");
    assertThatThrownBy(() -> Money.positive(BigDecimal.TEN, "XYZ")).hasMessageContaining("ISO");
  }

  @Test
  void aboveMeansStrictlyAboveInTheSameCurrency() {
    Money budget = new Money(new BigDecimal("100"), "GBP");
    assertThat(new Money(new BigDecimal("100.01"), "GBP").isAbove(budget)).isTrue();
    assertThat(new Money(new BigDecimal("100.00"), "GBP").isAbove(budget)).isFalse();
    assertThat(new Money(new BigDecimal("500"), "EUR").isAbove(budget)).isFalse();
  }
}
