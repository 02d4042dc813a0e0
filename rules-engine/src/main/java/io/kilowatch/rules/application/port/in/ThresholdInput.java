package io.kilowatch.rules.application.port.in;

import io.kilowatch.platform.web.FieldError;
import io.kilowatch.rules.domain.Energy;
import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalLong;

/** Reads a threshold in kWh as the API receives it: decimal text, exact. */
final class ThresholdInput {
  static final String FIELD = "thresholdKwh";

  private ThresholdInput() {}

  /** Watt-hours of the text, or empty after adding an error for {@link #FIELD}. */
  static OptionalLong parseWh(String text, List<FieldError> errors) {
    if (text == null || text.isBlank()) {
      errors.add(new FieldError(FIELD, "is required"));
      return OptionalLong.empty();
    }
    BigDecimal kwh;
    try {
      kwh = new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      errors.add(new FieldError(FIELD, "must be a decimal number of kWh, like \"10\" or \"7.5\""));
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Energy.kwhToWh(kwh));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(FIELD, e.getMessage()));
      return OptionalLong.empty();
    }
  }
}
