package io.kilowatch.rules.application.port.in;

import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Changes to a rule: switch it on or off, or give it a new threshold (or both).
 *
 * @param active the new state, or null to keep it
 * @param thresholdWh the new threshold, or null to keep it
 */
public record UpdateRuleCommand(Boolean active, Long thresholdWh) {
  public UpdateRuleCommand {
    if (active == null && thresholdWh == null) {
      throw InvalidInputException.of("active", "give active, thresholdKwh or both");
    }
  }

  /**
   * Validates the API's input.
   *
   * @throws InvalidInputException naming each invalid field
   */
  public static UpdateRuleCommand parse(Boolean active, String thresholdKwh) {
    List<FieldError> errors = new ArrayList<>();
    Long wh = null;
    if (thresholdKwh != null) {
      OptionalLong parsed = ThresholdInput.parseWh(thresholdKwh, errors);
      wh = parsed.isPresent() ? parsed.getAsLong() : null;
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new UpdateRuleCommand(active, wh);
  }
}
