package io.kilowatch.preference.adapter.in.web;

import io.kilowatch.platform.security.Roles;
import io.kilowatch.preference.application.PreferenceService;
import io.kilowatch.preference.application.PreferencesDocument;
import io.kilowatch.preference.application.port.in.UpdatePreferencesCommand;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.Map;

/** A customer's own preferences; the customer is the token's subject. */
@Controller("/api/v1/preferences")
class PreferenceController {
  private final PreferenceService service;

  PreferenceController(PreferenceService service) {
    this.service = service;
  }

  /** The effective preferences: what the customer saved, or the defaults. */
  @Get
  @Secured(Roles.CUSTOMER)
  JsonDocument get(Authentication who) {
    var actor = Callers.customer(who);
    return new JsonDocument(PreferencesDocument.of(service.get(actor, actor.id())));
  }

  /** Replaces the preferences; what the body leaves out takes its default. */
  @Put
  @Secured(Roles.CUSTOMER)
  JsonDocument replace(Authentication who, @Body Map<String, Object> body) {
    var actor = Callers.customer(who);
    var command = UpdatePreferencesCommand.parse(body, service.defaults());
    return new JsonDocument(PreferencesDocument.of(service.replace(actor, actor.id(), command)));
  }
}
