package io.kilowatch.delivery.trigger;

import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * The trigger API for the retailer's other systems (CRM, field service, payments), authenticated by
 * API key ({@link ApiKeyAuthenticationFetcher}): ask for a notification to one customer or a list,
 * or many at once (bulk), with an optional {@code Idempotency-Key}.
 */
@Controller("/api/v1/notifications")
@Secured(Roles.SYSTEM)
class TriggerController {
  private final TriggerService service;

  TriggerController(TriggerService service) {
    this.service = service;
  }

  @Post
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<String> trigger(
      Authentication who,
      @Nullable @Header(TriggerService.IDEMPOTENCY_HEADER) String idempotencyKey,
      @Nullable @Body byte[] body) {
    return respond(service.single(caller(who), idempotencyKey, body));
  }

  @Post("/bulk")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<String> bulk(
      Authentication who,
      @Nullable @Header(TriggerService.IDEMPOTENCY_HEADER) String idempotencyKey,
      @Nullable @Body byte[] body) {
    return respond(service.bulk(caller(who), idempotencyKey, body));
  }

  private static HttpResponse<String> respond(TriggerService.Answer answer) {
    var response =
        HttpResponse.<String>status(io.micronaut.http.HttpStatus.valueOf(answer.status()))
            .contentType(MediaType.APPLICATION_JSON_TYPE)
            .body(answer.body());
    if (answer.replayed()) {
      response.header("Idempotent-Replayed", "true");
    }
    return response;
  }

  private static TriggerService.Caller caller(Authentication who) {
    Object id = who.getAttributes().get(ApiKeyAuthenticationFetcher.ATTR_KEY_ID);
    Set<NotificationCategory> scope = EnumSet.noneOf(NotificationCategory.class);
    if (who.getAttributes().get(ApiKeyAuthenticationFetcher.ATTR_CATEGORIES)
        instanceof Collection<?> categories) {
      for (Object c : categories) {
        NotificationCategory category = TriggerRequests.category(String.valueOf(c));
        if (category != null) {
          scope.add(category);
        }
      }
    }
    // a system token without a key id (not issued by this API) has no idempotency scope of its
    // own; its subject stands in
    return new TriggerService.Caller(id == null ? who.getName() : id.toString(), scope);
  }
}
