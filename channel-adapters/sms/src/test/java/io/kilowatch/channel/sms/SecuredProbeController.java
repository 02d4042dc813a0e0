package io.kilowatch.channel.sms;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/** Test bean: proves security is on in the test context, so anonymous webhooks are no accident. */
@Controller("/test/secured")
@Requires(property = "spec.name", pattern = "TwilioWebhook.*")
@Secured(SecurityRule.IS_AUTHENTICATED)
class SecuredProbeController {
  @Get
  String get() {
    return "secret";
  }
}
