package io.kilowatch.rules.application.port.in;

import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.rules.domain.DailyUsageAbove;
import io.kilowatch.rules.domain.RuleCondition;
import io.kilowatch.rules.domain.RuleKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A customer's request for a new rule, well-formed by construction. Whether the meter is the
 * customer's and whether they have room for another rule are the service's checks.
 *
 * @param customerId the customer creating the rule (from their token, never from the body)
 * @param condition what the rule fires on
 * @param meterId the one meter to watch, or null for all the customer's meters
 */
public record CreateRuleCommand(String customerId, RuleCondition condition, String meterId) {
  public CreateRuleCommand {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(condition, "condition");
  }

  /**
   * Validates the API's input.
   *
   * @param kind wire name of the kind, e.g. {@code daily-usage-above}
   * @param thresholdKwh decimal text, positive, at most 3 decimals
   * @param meterId null for all meters
   * @throws InvalidInputException naming each invalid field
   */
  public static CreateRuleCommand parse(
      String customerId, String kind, String thresholdKwh, String meterId) {
    List<FieldError> errors = new ArrayList<>();
    Optional<RuleKind> ruleKind = Optional.empty();
    if (kind == null || kind.isBlank()) {
      errors.add(new FieldError("kind", "is required"));
    } else {
      ruleKind = RuleKind.fromWire(kind);
      if (ruleKind.isEmpty()) {
        errors.add(new FieldError("kind", "must be one of " + knownKinds()));
      }
    }
    OptionalLong thresholdWh = ThresholdInput.parseWh(thresholdKwh, errors);
    if (meterId != null && meterId.isBlank()) {
      errors.add(new FieldError("meterId", "must not be blank; leave it out for all your meters"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    // every kind so far takes a threshold; kinds with other parameters parse them here
    RuleCondition condition =
        switch (ruleKind.orElseThrow()) {
          case DAILY_USAGE_ABOVE -> new DailyUsageAbove(thresholdWh.getAsLong());
        };
    return new CreateRuleCommand(customerId, condition, meterId);
  }

  static List<String> knownKinds() {
    return Arrays.stream(RuleKind.values()).map(RuleKind::wireName).toList();
  }
}
