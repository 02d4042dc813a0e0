package io.kilowatch.delivery.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainTextTemplatesTest {
  @Test
  void fillsEveryVariable() {
    String template = PlainTextTemplates.sms("usage.daily-threshold-crossed").orElseThrow();
    String text =
        PlainTextTemplates.render(
            template,
            Map.of(
                "day", "2026-11-21", "thresholdKwh", "10", "usageKwh", "12.5", "meterId", "M-1"));
    assertThat(text)
        .isEqualTo(
            "Kilowatch: your electricity use on 2026-11-21 has passed 10 kWh (12.5 kWh so far on"
                + " meter M-1).");
  }

  @Test
  void missingVariableIsAnErrorNotAGap() {
    assertThatThrownBy(() -> PlainTextTemplates.render("Hello {name}", Map.of()))
        .hasMessageContaining("'name'");
  }

  @Test
  void valuesAreNotReinterpreted() {
    assertThat(PlainTextTemplates.render("{a}", Map.of("a", "$1 {b} \\"))).isEqualTo("$1 {b} \\");
  }

  @Test
  void unknownTemplateKeyHasNoTemplate() {
    assertThat(PlainTextTemplates.sms("nope")).isEmpty();
  }
}
