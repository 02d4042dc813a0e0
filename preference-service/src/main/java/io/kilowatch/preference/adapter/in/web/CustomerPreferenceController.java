package io.kilowatch.preference.adapter.in.web;

import io.kilowatch.platform.security.Roles;
import io.kilowatch.preference.application.ContactPointService;
import io.kilowatch.preference.application.PreferenceService;
import io.kilowatch.preference.application.PreferenceSettings;
import io.kilowatch.preference.application.PreferencesDocument;
import io.kilowatch.preference.application.port.in.CustomerIdInput;
import io.kilowatch.preference.application.port.in.NewContactPointCommand;
import io.kilowatch.preference.application.port.in.UpdatePreferencesCommand;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.Map;

/**
 * Support staff and admins acting for any customer: preferences and contact points. Every call,
 * reads included, is written to the audit log with the staff member, their roles and the reason
 * they give in {@code X-Kilowatch-Reason} (optional).
 */
@Controller("/api/v1/customers/{customerId}")
class CustomerPreferenceController {
  private final PreferenceService preferences;
  private final ContactPointService contactPoints;
  private final PreferenceSettings settings;

  CustomerPreferenceController(
      PreferenceService preferences,
      ContactPointService contactPoints,
      PreferenceSettings settings) {
    this.preferences = preferences;
    this.contactPoints = contactPoints;
    this.settings = settings;
  }

  @Get("/preferences")
  @Secured({Roles.SUPPORT, Roles.ADMIN})
  JsonDocument getPreferences(
      String customerId,
      Authentication who,
      @Nullable @Header(Callers.REASON_HEADER) String reason) {
    var actor = Callers.staff(who, reason);
    return new JsonDocument(
        PreferencesDocument.of(preferences.get(actor, CustomerIdInput.require(customerId))));
  }

  @Put("/preferences")
  @Secured({Roles.SUPPORT, Roles.ADMIN})
  JsonDocument replacePreferences(
      String customerId,
      Authentication who,
      @Nullable @Header(Callers.REASON_HEADER) String reason,
      @Body Map<String, Object> body) {
    var actor = Callers.staff(who, reason);
    String customer = CustomerIdInput.require(customerId);
    var command = UpdatePreferencesCommand.parse(body, preferences.defaults());
    return new JsonDocument(PreferencesDocument.of(preferences.replace(actor, customer, command)));
  }

  /**
   * Body as for customers; an admin may add {@code "verified": true} to skip the code for an SMS
   * number or email address (audited). Support staff adding one leave it to the customer to verify.
   */
  @Post("/contact-points")
  @Secured({Roles.SUPPORT, Roles.ADMIN})
  HttpResponse<JsonDocument> addContactPoint(
      String customerId,
      Authentication who,
      @Nullable @Header(Callers.REASON_HEADER) String reason,
      @Body Map<String, Object> body) {
    var actor = Callers.staff(who, reason);
    String customer = CustomerIdInput.require(customerId);
    return ContactPointResponses.added(
        contactPoints, contactPoints.add(actor, customer, NewContactPointCommand.parse(body)));
  }

  @Get("/contact-points")
  @Secured({Roles.SUPPORT, Roles.ADMIN})
  JsonDocument listContactPoints(
      String customerId,
      Authentication who,
      @Nullable @Header(Callers.REASON_HEADER) String reason) {
    var actor = Callers.staff(who, reason);
    return ContactPointResponses.list(
        contactPoints, contactPoints.list(actor, CustomerIdInput.require(customerId)));
  }

  @Delete("/contact-points/{id}")
  @Secured({Roles.SUPPORT, Roles.ADMIN})
  HttpResponse<Void> removeContactPoint(
      String customerId,
      String id,
      Authentication who,
      @Nullable @Header(Callers.REASON_HEADER) String reason) {
    var actor = Callers.staff(who, reason);
    contactPoints.remove(actor, CustomerIdInput.require(customerId), Callers.contactPointId(id));
    return HttpResponse.noContent();
  }

  /** For a code the customer reads out to support; the same rules as the customer's own. */
  @Post("/contact-points/{id}/verify")
  @Secured({Roles.SUPPORT, Roles.ADMIN})
  JsonDocument verifyContactPoint(
      String customerId,
      String id,
      Authentication who,
      @Nullable @Header(Callers.REASON_HEADER) String reason,
      @Body Map<String, Object> body) {
    var actor = Callers.staff(who, reason);
    var result =
        contactPoints.verify(
            actor,
            CustomerIdInput.require(customerId),
            Callers.contactPointId(id),
            ContactPointResponses.code(body));
    return ContactPointResponses.verified(
        contactPoints, result, settings.getMaxVerificationAttempts());
  }

  @Post("/contact-points/{id}/resend-code")
  @Secured({Roles.SUPPORT, Roles.ADMIN})
  HttpResponse<JsonDocument> resendCode(
      String customerId,
      String id,
      Authentication who,
      @Nullable @Header(Callers.REASON_HEADER) String reason) {
    var actor = Callers.staff(who, reason);
    return ContactPointResponses.codeIssued(
        contactPoints.resendCode(
            actor, CustomerIdInput.require(customerId), Callers.contactPointId(id)),
        settings.getMaxVerificationAttempts());
  }
}
