package io.kilowatch.rules.adapter.in.web;

import io.kilowatch.platform.security.Roles;
import io.kilowatch.platform.web.NotFoundException;
import io.kilowatch.rules.application.RuleService;
import io.kilowatch.rules.application.port.in.CreateRuleCommand;
import io.kilowatch.rules.application.port.in.UpdateRuleCommand;
import io.kilowatch.rules.domain.Rule;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.net.URI;
import java.util.UUID;

/**
 * A customer's own rules; the customer is the token's subject. Ids of other customers' rules (and
 * ids that are not ids) answer 404, exactly as rules that do not exist.
 */
@Controller("/api/v1/rules")
class RuleController {
  private final RuleService rules;

  RuleController(RuleService rules) {
    this.rules = rules;
  }

  @Post
  @Secured(Roles.CUSTOMER)
  HttpResponse<RuleView> create(@Body RuleRequest body, Authentication caller) {
    Rule rule = rules.create(CreateRuleCommand.parse(caller.getName(), body.toInput()));
    return HttpResponse.created(RuleView.of(rule), URI.create("/api/v1/rules/" + rule.id()));
  }

  @Get
  @Secured(Roles.CUSTOMER)
  RuleView.Page list(Authentication caller) {
    return RuleView.Page.of(rules.list(caller.getName()));
  }

  @Get("/{id}")
  @Secured(Roles.CUSTOMER)
  RuleView get(String id, Authentication caller) {
    return RuleView.of(rules.get(caller.getName(), ruleId(id)));
  }

  @Patch("/{id}")
  @Secured(Roles.CUSTOMER)
  RuleView update(String id, @Body RuleRequest body, Authentication caller) {
    UUID ruleId = ruleId(id);
    return RuleView.of(
        rules.update(caller.getName(), ruleId, UpdateRuleCommand.parse(body.toInput())));
  }

  @Delete("/{id}")
  @Secured(Roles.CUSTOMER)
  HttpResponse<Void> delete(String id, Authentication caller) {
    rules.delete(caller.getName(), ruleId(id));
    return HttpResponse.noContent();
  }

  private static UUID ruleId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("rule");
    }
  }
}
