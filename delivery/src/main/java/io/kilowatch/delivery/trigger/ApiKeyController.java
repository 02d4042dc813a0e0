package io.kilowatch.delivery.trigger;

import io.kilowatch.events.notification.NotificationCategory;
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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Admins manage the API keys of the retailer's other systems: create (the key is in the answer,
 * once), list, revoke.
 */
@Controller("/api/v1/api-keys")
@Secured(Roles.ADMIN)
class ApiKeyController {
  private final ApiKeys keys;

  ApiKeyController(ApiKeys keys) {
    this.keys = keys;
  }

  /** A key as listed. */
  record ApiKeyView(
      String id,
      String name,
      String prefix,
      List<String> categories,
      boolean active,
      String createdBy,
      Instant createdAt,
      String revokedBy,
      Instant revokedAt) {
    static ApiKeyView of(ApiKey k) {
      return new ApiKeyView(
          k.id(),
          k.name(),
          k.prefix(),
          k.categories().stream().sorted().map(NotificationCategory::wireName).toList(),
          k.active(),
          k.createdBy(),
          k.createdAt(),
          k.revokedBy(),
          k.revokedAt());
    }
  }

  /** The answer to a creation: the only time the key itself is shown. */
  record CreatedView(
      String id,
      String name,
      String prefix,
      List<String> categories,
      String createdBy,
      Instant createdAt,
      String key) {}

  @Post
  HttpResponse<CreatedView> create(Authentication who, @Body @Nullable Map<String, Object> body) {
    List<FieldError> errors = new ArrayList<>();
    if (body == null) {
      throw InvalidInputException.of("body", "a JSON object with name and categories is required");
    }
    for (String field : body.keySet()) {
      if (!field.equals("name") && !field.equals("categories")) {
        errors.add(new FieldError(field, "unknown field"));
      }
    }
    String name = null;
    if (!(body.get("name") instanceof String n)
        || n.isBlank()
        || n.length() > 100
        || !n.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      errors.add(new FieldError("name", "required: 1-100 printable ASCII characters"));
    } else {
      name = n.strip();
    }
    Set<NotificationCategory> categories = EnumSet.noneOf(NotificationCategory.class);
    if (!(body.get("categories") instanceof List<?> list) || list.isEmpty()) {
      errors.add(
          new FieldError("categories", "required: a non-empty list of notification categories"));
    } else {
      for (int i = 0; i < list.size(); i++) {
        Object c = list.get(i);
        NotificationCategory category = c instanceof String s ? TriggerRequests.category(s) : null;
        if (category == null) {
          errors.add(
              new FieldError(
                  "categories[" + i + "]",
                  "unknown category; one of " + TriggerRequests.CATEGORY_NAMES));
        } else if (!categories.add(category)) {
          errors.add(new FieldError("categories[" + i + "]", "named twice"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    ApiKeys.CreatedKey created = keys.create(name, categories, who.getName());
    ApiKeyView v = ApiKeyView.of(created.apiKey());
    return HttpResponse.created(
        new CreatedView(
            v.id(),
            v.name(),
            v.prefix(),
            v.categories(),
            v.createdBy(),
            v.createdAt(),
            created.key()));
  }

  @Get
  Map<String, Object> list() {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("apiKeys", keys.list().stream().map(ApiKeyView::of).toList());
    return answer;
  }

  @Delete("/{id}")
  HttpResponse<Void> revoke(Authentication who, @PathVariable String id) {
    keys.revoke(id, who.getName()).orElseThrow(() -> new NotFoundException("api key"));
    return HttpResponse.status(HttpStatus.NO_CONTENT);
  }
}
