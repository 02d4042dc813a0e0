package io.kilowatch.rules.application;

import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.platform.web.NotFoundException;
import io.kilowatch.rules.application.port.in.CreateRuleCommand;
import io.kilowatch.rules.application.port.in.UpdateRuleCommand;
import io.kilowatch.rules.application.port.out.MeterOwners;
import io.kilowatch.rules.application.port.out.RuleStore;
import io.kilowatch.rules.domain.DailyUsageAbove;
import io.kilowatch.rules.domain.Rule;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Customers' rules: create, read, change, delete, always within one customer's own rules. A rule id
 * of another customer behaves as a rule that does not exist. Thread-safe.
 */
@Singleton
public class RuleService {
  private final RuleStore rules;
  private final MeterOwners owners;
  private final RulesSettings settings;
  private final Clock clock;

  RuleService(RuleStore rules, MeterOwners owners, RulesSettings settings, Clock clock) {
    this.rules = rules;
    this.owners = owners;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Creates an active rule.
   *
   * @throws InvalidInputException 400 on {@code meterId} when the meter is not the customer's; 422
   *     when the customer already has the maximum number of rules
   */
  @Transactional
  public Rule create(CreateRuleCommand command) {
    String customerId = command.customerId();
    if (command.meterId() != null
        && owners
            .find(command.meterId())
            .filter(o -> o.customerId().equals(customerId))
            .isEmpty()) {
      // the same answer for a meter of someone else and for a meter nobody has
      throw InvalidInputException.of("meterId", "is not one of your meters");
    }
    // counting and inserting under the customer's lock keeps concurrent creates within the limit
    rules.lockCustomer(customerId);
    int max = settings.getMaxRulesPerCustomer();
    if (rules.countByCustomer(customerId) >= max) {
      throw new InvalidInputException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          List.of(
              new FieldError(
                  "rules", "you already have the maximum of " + max + " rules; delete one first")));
    }
    Instant now = now();
    Rule rule =
        new Rule(
            UUID.randomUUID(), customerId, command.meterId(), command.condition(), true, now, now);
    rules.insert(rule);
    return rule;
  }

  @Transactional(readOnly = true)
  public List<Rule> list(String customerId) {
    return rules.findByCustomer(customerId);
  }

  /**
   * @throws NotFoundException when the rule does not exist or is another customer's
   */
  @Transactional(readOnly = true)
  public Rule get(String customerId, UUID ruleId) {
    return rules.find(customerId, ruleId).orElseThrow(RuleService::notFound);
  }

  /**
   * Switches the rule on or off and/or sets a new threshold. A new threshold does not make a rule
   * fire again for a day it already fired on.
   *
   * @throws NotFoundException when the rule does not exist or is another customer's
   * @throws InvalidInputException when the rule's kind has no threshold
   */
  @Transactional
  public Rule update(String customerId, UUID ruleId, UpdateRuleCommand command) {
    Rule rule = rules.find(customerId, ruleId).orElseThrow(RuleService::notFound);
    Instant now = now();
    if (command.active() != null) {
      rule = rule.withActive(command.active(), now);
    }
    if (command.thresholdWh() != null) {
      if (!(rule.condition() instanceof DailyUsageAbove)) {
        throw InvalidInputException.of(
            "thresholdKwh", "does not apply to rules of kind " + rule.kind().wireName());
      }
      rule = rule.withCondition(new DailyUsageAbove(command.thresholdWh()), now);
    }
    if (!rules.update(rule)) {
      throw notFound();
    }
    return rule;
  }

  /**
   * @throws NotFoundException when the rule does not exist or is another customer's
   */
  @Transactional
  public void delete(String customerId, UUID ruleId) {
    if (!rules.delete(customerId, ruleId)) {
      throw notFound();
    }
  }

  private static NotFoundException notFound() {
    return new NotFoundException("rule");
  }

  /** PostgreSQL keeps microseconds: what we return and publish must equal what we read back. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
