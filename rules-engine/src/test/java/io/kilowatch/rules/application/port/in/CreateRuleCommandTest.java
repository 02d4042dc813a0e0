package io.kilowatch.rules.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.rules.domain.DailyUsageAbove;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CreateRuleCommandTest {

  @Test
  void aDailyUsageRuleOnAllMeters() {
    var command = CreateRuleCommand.parse("C-1", "daily-usage-above", "10.25", null);
    assertThat(command.condition()).isEqualTo(new DailyUsageAbove(10_250));
    assertThat(command.meterId()).isNull();
    assertThat(command.customerId()).isEqualTo("C-1");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"daily-usage-below", "DAILY-USAGE-ABOVE"})
  void unknownOrMissingKindIsNamed(String kind) {
    assertThat(fields(kind, "10", null)).containsExactly("kind");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"ten", "0", "-5", "10.1234", "1,5", "true", "{object}", "NaN"})
  void invalidThresholdIsNamed(String threshold) {
    assertThat(fields("daily-usage-above", threshold, null)).containsExactly("thresholdKwh");
  }

  @Test
  void blankMeterIsNamed() {
    assertThat(fields("daily-usage-above", "10", " ")).containsExactly("meterId");
  }

  @Test
  void allErrorsAtOnce() {
    assertThat(fields("nope", "-1", "")).containsExactly("kind", "thresholdKwh", "meterId");
  }

  @Test
  void updateNeedsSomethingToChange() {
    assertThat(updateFields(null, null)).containsExactly("active");
    assertThat(updateFields(true, "0")).containsExactly("thresholdKwh");
    assertThat(UpdateRuleCommand.parse(false, null)).isEqualTo(new UpdateRuleCommand(false, null));
    assertThat(UpdateRuleCommand.parse(null, "12.5"))
        .isEqualTo(new UpdateRuleCommand(null, 12_500L));
  }

  private static List<String> fields(String kind, String threshold, String meterId) {
    try {
      CreateRuleCommand.parse("C-1", kind, threshold, meterId);
    } catch (InvalidInputException e) {
      return e.errors().stream().map(FieldError::field).toList();
    }
    throw new AssertionError("expected the command to be rejected");
  }

  private static List<String> updateFields(Boolean active, String threshold) {
    try {
      UpdateRuleCommand.parse(active, threshold);
    } catch (InvalidInputException e) {
      return e.errors().stream().map(FieldError::field).toList();
    }
    throw new AssertionError("expected the command to be rejected");
  }
}
