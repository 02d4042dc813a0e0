package io.kilowatch.preference.adapter.in.web;

import io.kilowatch.platform.security.Roles;
import io.kilowatch.platform.web.NotFoundException;
import io.kilowatch.preference.application.ContactPointService;
import io.kilowatch.preference.domain.ContactPoint;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Contact points. Customers manage their own under {@code /api/v1/contact-points}; support staff
 * and admins act for a customer under {@code /api/v1/customers/{customerId}/contact-points}.
 */
@Controller("/api/v1")
class ContactPointController {
  private final ContactPointService service;

  ContactPointController(ContactPointService service) {
    this.service = service;
  }

  /** Request body: {@code {"channel": "sms", "address": "+447700900123"}}. */
  record NewContactPoint(String channel, String address) {}

  /** What the API shows of a contact point. */
  record ContactPointView(
      UUID id, String channel, String address, boolean verified, Instant createdAt) {
    static ContactPointView of(ContactPoint p) {
      return new ContactPointView(
          p.id(), p.channel().wireName(), p.address(), p.verified(), p.createdAt());
    }
  }

  @Post("/contact-points")
  @Secured(Roles.CUSTOMER)
  @Status(HttpStatus.CREATED)
  ContactPointView addOwn(Authentication who, @Body NewContactPoint body) {
    return ContactPointView.of(service.add(who.getName(), body.channel(), body.address()));
  }

  @Get("/contact-points")
  @Secured(Roles.CUSTOMER)
  List<ContactPointView> listOwn(Authentication who) {
    return service.list(who.getName()).stream().map(ContactPointView::of).toList();
  }

  @Delete("/contact-points/{id}")
  @Secured(Roles.CUSTOMER)
  HttpResponse<Void> removeOwn(Authentication who, @PathVariable UUID id) {
    if (!service.remove(who.getName(), id)) {
      throw new NotFoundException("contact point");
    }
    return HttpResponse.noContent();
  }

  @Post("/customers/{customerId}/contact-points")
  @Secured({Roles.SUPPORT, Roles.ADMIN})
  @Status(HttpStatus.CREATED)
  ContactPointView addFor(@PathVariable String customerId, @Body NewContactPoint body) {
    return ContactPointView.of(service.add(customerId, body.channel(), body.address()));
  }

  @Get("/customers/{customerId}/contact-points")
  @Secured({Roles.SUPPORT, Roles.ADMIN})
  List<ContactPointView> listFor(@PathVariable String customerId) {
    return service.list(customerId).stream().map(ContactPointView::of).toList();
  }
}
