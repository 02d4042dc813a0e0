package io.kilowatch.consent.adapter.in.web;

import io.kilowatch.consent.ConsentEvidence;
import io.kilowatch.consent.application.ConsentService;
import io.kilowatch.consent.application.port.in.RecordConsentCommand;
import io.kilowatch.consent.domain.ConsentSource;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.platform.web.InvalidInputException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.net.URI;
import java.time.Clock;
import java.util.Set;

/**
 * A customer's own consent: the current state with its history, and grants or withdrawals from the
 * self-service page or the retailer's app. The customer is the token's subject; the evidence is the
 * request's client address.
 */
@Controller("/api/v1/consents")
class ConsentController {
  private static final Set<String> CUSTOMER_SOURCES =
      Set.of(ConsentSource.WEB.wireName(), ConsentSource.API.wireName());

  private final ConsentService consents;
  private final HttpClientAddressResolver addresses;
  private final Clock clock;

  ConsentController(ConsentService consents, HttpClientAddressResolver addresses, Clock clock) {
    this.consents = consents;
    this.addresses = addresses;
    this.clock = clock;
  }

  @Get
  @Secured(Roles.CUSTOMER)
  ConsentsView own(Authentication caller) {
    return ConsentsView.of(consents.overview(caller.getName()));
  }

  /** 201 with the state after the change; 400 naming the field for bad input, nothing stored. */
  @Post
  @Secured(Roles.CUSTOMER)
  HttpResponse<ConsentsView> record(
      @Body ConsentRequest body, HttpRequest<?> request, Authentication caller) {
    String source = body.source() == null ? ConsentSource.API.wireName() : body.source();
    if (!CUSTOMER_SOURCES.contains(source)) {
      throw InvalidInputException.of("source", "must be web or api (default api)");
    }
    String customerId = caller.getName();
    // behind a proxy, micronaut.server.client-address-header (X-Forwarded-For) names the client
    String address = addresses.resolve(request);
    ConsentEvidence evidence =
        new ConsentEvidence(
            source,
            customerId,
            address == null ? "unknown" : address,
            body.textVersion(),
            null,
            null);
    RecordConsentCommand command =
        RecordConsentCommand.parse(
            customerId, body.purpose(), body.channel(), body.action(), evidence, clock.instant());
    consents.record(command).orElseThrow(ConsentService::erasedSubject);
    return HttpResponse.created(
        ConsentsView.of(consents.overview(customerId)), URI.create("/api/v1/consents"));
  }
}
