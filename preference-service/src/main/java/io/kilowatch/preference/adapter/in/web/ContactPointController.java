package io.kilowatch.preference.adapter.in.web;

import io.kilowatch.platform.security.Roles;
import io.kilowatch.preference.application.ContactPointService;
import io.kilowatch.preference.application.PreferenceSettings;
import io.kilowatch.preference.application.port.in.NewContactPointCommand;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.Map;

/**
 * A customer's own contact points; the customer is the token's subject. Ids of other customers'
 * points (and ids that are not ids) answer 404, exactly as points that do not exist.
 */
@Controller("/api/v1/contact-points")
class ContactPointController {
  private final ContactPointService service;
  private final PreferenceSettings settings;

  ContactPointController(ContactPointService service, PreferenceSettings settings) {
    this.service = service;
    this.settings = settings;
  }

  /** Body: {@code {"channel":"sms","address":"+447700900123"}}; push adds {@code "platform"}. */
  @Post
  @Secured(Roles.CUSTOMER)
  HttpResponse<JsonDocument> add(Authentication who, @Body Map<String, Object> body) {
    var actor = Callers.customer(who);
    return ContactPointResponses.added(
        service, service.add(actor, actor.id(), NewContactPointCommand.parse(body)));
  }

  @Get
  @Secured(Roles.CUSTOMER)
  JsonDocument list(Authentication who) {
    var actor = Callers.customer(who);
    return ContactPointResponses.list(service, service.list(actor, actor.id()));
  }

  @Delete("/{id}")
  @Secured(Roles.CUSTOMER)
  HttpResponse<Void> remove(Authentication who, String id) {
    var actor = Callers.customer(who);
    service.remove(actor, actor.id(), Callers.contactPointId(id));
    return HttpResponse.noContent();
  }

  /** Body: {@code {"code":"042137"}}. */
  @Post("/{id}/verify")
  @Secured(Roles.CUSTOMER)
  JsonDocument verify(Authentication who, String id, @Body Map<String, Object> body) {
    var actor = Callers.customer(who);
    var result =
        service.verify(
            actor, actor.id(), Callers.contactPointId(id), ContactPointResponses.code(body));
    return ContactPointResponses.verified(service, result, settings.getMaxVerificationAttempts());
  }

  @Post("/{id}/resend-code")
  @Secured(Roles.CUSTOMER)
  HttpResponse<JsonDocument> resendCode(Authentication who, String id) {
    var actor = Callers.customer(who);
    return ContactPointResponses.codeIssued(
        service.resendCode(actor, actor.id(), Callers.contactPointId(id)),
        settings.getMaxVerificationAttempts());
  }
}
