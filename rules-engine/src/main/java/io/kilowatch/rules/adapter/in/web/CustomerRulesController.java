package io.kilowatch.rules.adapter.in.web;

import io.kilowatch.platform.security.Roles;
import io.kilowatch.rules.application.RuleService;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;

/**
 * Operators' read-only view of any customer's rules: support staff (who help customers) and
 * administrators. Marketing and operations ({@code ops}) see aggregates elsewhere, not one
 * customer's rules.
 */
@Controller("/api/v1/customers/{customerId}/rules")
class CustomerRulesController {
  private final RuleService rules;

  CustomerRulesController(RuleService rules) {
    this.rules = rules;
  }

  /** The customer's rules; an empty list for a customer without rules (or unknown here). */
  @Get
  @Secured({Roles.SUPPORT, Roles.ADMIN})
  RuleView.Page list(String customerId) {
    return RuleView.Page.of(rules.list(customerId));
  }
}
