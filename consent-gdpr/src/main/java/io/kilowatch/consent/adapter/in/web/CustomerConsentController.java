package io.kilowatch.consent.adapter.in.web;

import io.kilowatch.consent.ConsentEvidence;
import io.kilowatch.consent.application.ConsentService;
import io.kilowatch.consent.application.port.in.Inputs;
import io.kilowatch.consent.application.port.in.RecordConsentCommand;
import io.kilowatch.consent.domain.ConsentSource;
import io.kilowatch.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.net.URI;
import java.time.Clock;

/**
 * Staff on any customer's consent: support and compliance read it (audited as {@code
 * consent.viewed}, with the reason when given) and record what the person said on the phone (source
 * {@code staff-phone}, the staff member as actor, a reason required; audited as {@code
 * consent.recorded}).
 */
@Controller("/api/v1/customers/{customerId}/consents")
class CustomerConsentController {
  private final ConsentService consents;
  private final Clock clock;

  CustomerConsentController(ConsentService consents, Clock clock) {
    this.consents = consents;
    this.clock = clock;
  }

  @Get
  @Secured({Roles.SUPPORT, Roles.COMPLIANCE})
  ConsentsView view(
      String customerId,
      @Nullable @Header(Callers.REASON_HEADER) String reason,
      Authentication caller) {
    Inputs.requireCustomerId(customerId);
    return ConsentsView.of(
        consents.overviewForStaff(
            customerId,
            caller.getName(),
            Callers.role(caller, Roles.SUPPORT, Roles.COMPLIANCE),
            Callers.reason(null, reason)));
  }

  @Post
  @Secured({Roles.SUPPORT, Roles.COMPLIANCE})
  HttpResponse<ConsentsView> record(
      String customerId,
      @Body ConsentRequest body,
      @Nullable @Header(Callers.REASON_HEADER) String reasonHeader,
      Authentication caller) {
    Inputs.requireCustomerId(customerId);
    String reason =
        Inputs.requireReason(
            Callers.reason(body.reason(), reasonHeader), "record consent for this person");
    ConsentEvidence evidence =
        new ConsentEvidence(
            ConsentSource.STAFF_PHONE.wireName(),
            caller.getName(),
            body.identity(),
            body.textVersion(),
            null,
            null);
    RecordConsentCommand command =
        RecordConsentCommand.parse(
            customerId, body.purpose(), body.channel(), body.action(), evidence, clock.instant());
    String role = Callers.role(caller, Roles.SUPPORT, Roles.COMPLIANCE);
    consents.recordForStaff(command, role, reason);
    return HttpResponse.created(
        ConsentsView.of(consents.overview(customerId)),
        URI.create("/api/v1/customers/" + customerId + "/consents"));
  }
}
