package io.kilowatch.rules.application.port.in;

import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.rules.domain.Channel;
import io.kilowatch.rules.domain.Cooldown;
import io.kilowatch.rules.domain.RuleCondition;
import io.kilowatch.rules.domain.RuleKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's request for a new rule, well-formed by construction. What needs the database is the
 * service's to check: whether the meter is the customer's, whether the region is known (and which
 * it is when none is given), and whether they have room for another rule.
 *
 * @param customerId the customer creating the rule (from their token, never from the body)
 * @param kind what the rule watches
 * @param parameters its fields, checked against the kind
 * @param channels the channels chosen; empty for the customer's preferences
 * @param cooldown how often it may notify at most
 */
public record CreateRuleCommand(
    String customerId,
    RuleKind kind,
    RuleParameters parameters,
    List<Channel> channels,
    Cooldown cooldown) {
  public CreateRuleCommand {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(parameters, "parameters");
    channels = List.copyOf(channels);
    Objects.requireNonNull(cooldown, "cooldown");
  }

  /**
   * Validates the API's input.
   *
   * @throws InvalidInputException naming each invalid field
   */
  public static CreateRuleCommand parse(String customerId, RuleInput input) {
    List<FieldError> errors = new ArrayList<>();
    Optional<RuleKind> ruleKind = Optional.empty();
    if (input.kind() == null || input.kind().isBlank()) {
      errors.add(new FieldError("kind", "is required"));
    } else {
      ruleKind = RuleKind.fromWire(input.kind());
      if (ruleKind.isEmpty()) {
        errors.add(new FieldError("kind", "must be one of " + knownKinds()));
      }
    }
    RuleParameters parameters = RuleParameters.parse(input, false, errors);
    if (ruleKind.isPresent() && errors.isEmpty()) {
      // checks every field against the kind; the region, if needed, is resolved later
      parameters.create(ruleKind.get(), parameters.region(), errors);
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    RuleKind kind = ruleKind.orElseThrow();
    return new CreateRuleCommand(
        customerId,
        kind,
        parameters,
        parameters.channels() == null ? List.of() : parameters.channels(),
        parameters.cooldown() == null
            ? RuleParameters.defaultCooldown(kind)
            : parameters.cooldown());
  }

  /** The first API version's daily-usage input. */
  public static CreateRuleCommand parse(
      String customerId, String kind, String thresholdKwh, String meterId) {
    return parse(customerId, RuleInput.dailyUsage(kind, thresholdKwh, meterId));
  }

  /** The one meter to watch, or null for all the customer's meters (or none, by kind). */
  public String meterId() {
    return parameters.meterId();
  }

  /** The region named in the request, or null. */
  public String region() {
    return parameters.region();
  }

  /** True for the kinds that watch a region: price, digest and outage rules. */
  public boolean needsRegion() {
    return kind == RuleKind.PRICE_THRESHOLD
        || kind == RuleKind.PRICE_DAY_AHEAD_DIGEST
        || kind == RuleKind.OUTAGE;
  }

  /** The condition of a kind that watches no region. */
  public RuleCondition condition() {
    if (needsRegion()) {
      throw new IllegalStateException(kind.wireName() + " rules need a region");
    }
    return condition(null);
  }

  /**
   * The condition, for {@code region} when the kind watches one.
   *
   * @throws InvalidInputException naming invalid fields
   */
  public RuleCondition condition(String region) {
    List<FieldError> errors = new ArrayList<>();
    RuleCondition condition = parameters.create(kind, region, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return Objects.requireNonNull(condition, "condition");
  }

  static List<String> knownKinds() {
    return Arrays.stream(RuleKind.values()).map(RuleKind::wireName).toList();
  }
}
