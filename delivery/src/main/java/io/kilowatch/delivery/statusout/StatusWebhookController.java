package io.kilowatch.delivery.statusout;

import io.kilowatch.platform.security.Roles;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.platform.web.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Admins register the retailer's status webhook endpoints; the secret is shown once. */
@Controller("/api/v1/status-webhooks")
@Secured(Roles.ADMIN)
class StatusWebhookController {
  private final StatusWebhooks webhooks;

  StatusWebhookController(StatusWebhooks webhooks) {
    this.webhooks = webhooks;
  }

  /** The answer to a registration: the only time the secret is shown. */
  record CreatedView(
      String id, String url, String keyId, String createdBy, Instant createdAt, String secret) {}

  @Post
  HttpResponse<CreatedView> create(Authentication who, @Body @Nullable Map<String, Object> body) {
    if (body == null) {
      throw InvalidInputException.of("body", "a JSON object with url is required");
    }
    List<FieldError> errors = new ArrayList<>();
    body.keySet().stream()
        .filter(f -> !f.equals("url"))
        .forEach(f -> errors.add(new FieldError(f, "unknown field")));
    if (!(body.get("url") instanceof String url) || url.isBlank() || url.length() > 2048) {
      errors.add(new FieldError("url", "required: an https URL of at most 2048 characters"));
      throw new InvalidInputException(errors);
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    StatusWebhooks.Created created = webhooks.create(url, who.getName());
    var w = created.webhook();
    return HttpResponse.created(
        new CreatedView(
            w.id(), w.url(), w.keyId(), w.createdBy(), w.createdAt(), created.secret()));
  }

  @Get
  Map<String, Object> list() {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("statusWebhooks", webhooks.list());
    return answer;
  }

  @Delete("/{id}")
  HttpResponse<Void> revoke(Authentication who, @PathVariable String id) {
    webhooks.revoke(id, who.getName()).orElseThrow(() -> new NotFoundException("status webhook"));
    return HttpResponse.status(HttpStatus.NO_CONTENT);
  }
}
