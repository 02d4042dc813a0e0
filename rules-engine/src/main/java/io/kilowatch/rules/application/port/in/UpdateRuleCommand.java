package io.kilowatch.rules.application.port.in;

import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.rules.domain.Channel;
import io.kilowatch.rules.domain.Cooldown;
import io.kilowatch.rules.domain.RuleCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Changes to a rule: switch it on or off, choose channels or a cooldown, change its threshold or
 * other parameters of its kind; fields not named stay. What the rule watches (kind, meter, region,
 * tariff, timing) is fixed.
 *
 * @param active the new state, or null to keep it
 * @param parameters the named fields
 */
public record UpdateRuleCommand(Boolean active, RuleParameters parameters) {
  /** The field an empty change is reported on. */
  public static final String BODY = "body";

  public UpdateRuleCommand {
    Objects.requireNonNull(parameters, "parameters");
  }

  /**
   * Validates the API's input as far as it can without the rule.
   *
   * @throws InvalidInputException naming each invalid field, or {@value #BODY} when nothing changes
   */
  public static UpdateRuleCommand parse(RuleInput input) {
    List<FieldError> errors = new ArrayList<>();
    if (input.present().contains("kind")) {
      errors.add(new FieldError("kind", "cannot be changed; create a new rule instead"));
    }
    if (input.present().contains("active") && input.active() == null) {
      errors.add(new FieldError("active", "must be true or false"));
    }
    RuleParameters parameters = RuleParameters.parse(input, true, errors);
    if (errors.isEmpty() && input.active() == null && parametersEmpty(parameters)) {
      errors.add(
          new FieldError(
              BODY,
              "nothing to change: give active, channels, cooldown or a parameter of the rule"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new UpdateRuleCommand(input.active(), parameters);
  }

  private static boolean parametersEmpty(RuleParameters p) {
    return !p.changesCondition()
        && !p.has(RuleParameters.CHANNELS)
        && !p.has(RuleParameters.COOLDOWN);
  }

  /**
   * The rule's new condition, or null when the change names none of its fields.
   *
   * @throws InvalidInputException for fields the kind does not take or cannot change, or that do
   *     not combine with the rule's other fields
   */
  public RuleCondition condition(RuleCondition existing) {
    List<FieldError> errors = new ArrayList<>();
    RuleCondition condition = parameters.change(existing, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return condition;
  }

  /** The new channels (empty: the customer's preferences), or null to keep them. */
  public List<Channel> channels() {
    return parameters.has(RuleParameters.CHANNELS) ? parameters.channels() : null;
  }

  /** The new cooldown, or null to keep it. */
  public Cooldown cooldown() {
    return parameters.cooldown();
  }
}
