package io.kilowatch.rules.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.rules.domain.DailyUsageAbove;
import java.util.List;
import java.util.Map;
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
    assertThat(updateFields(Map.of())).containsExactly(UpdateRuleCommand.BODY);
    assertThat(updateFields(Map.of("active", true, "thresholdKwh", "0")))
        .containsExactly("thresholdKwh");
    assertThat(UpdateRuleCommand.parse(input(Map.of("active", false))).active()).isFalse();
    var threshold = UpdateRuleCommand.parse(input(Map.of("thresholdKwh", "12.5")));
    assertThat(threshold.active()).isNull();
    assertThat(threshold.condition(new DailyUsageAbove(10_000)))
        .isEqualTo(new DailyUsageAbove(12_500));
  }

  private static List<String> fields(String kind, String threshold, String meterId) {
    try {
      CreateRuleCommand.parse("C-1", kind, threshold, meterId);
    } catch (InvalidInputException e) {
      return e.errors().stream().map(FieldError::field).toList();
    }
    throw new AssertionError("expected the command to be rejected");
  }

  private static List<String> updateFields(Map<String, Object> body) {
    try {
      UpdateRuleCommand.parse(input(body));
    } catch (InvalidInputException e) {
      return e.errors().stream().map(FieldError::field).toList();
    }
    throw new AssertionError("expected the command to be rejected");
  }

  /** Input of a change naming exactly the given fields. */
  static RuleInput input(Map<String, Object> body) {
    return new RuleInput(
        (String) body.get("kind"),
        (String) body.get("thresholdKwh"),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        (Boolean) body.get("active"),
        body.keySet());
  }
}
