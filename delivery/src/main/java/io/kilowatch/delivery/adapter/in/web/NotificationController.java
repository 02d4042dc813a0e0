package io.kilowatch.delivery.adapter.in.web;

import io.kilowatch.delivery.application.NotificationStore;
import io.kilowatch.delivery.application.NotificationStore.AttemptRecord;
import io.kilowatch.delivery.application.NotificationStore.NotificationRecord;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.platform.web.NotFoundException;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.transaction.annotation.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Notifications and their delivery attempts: a customer's own list, and any customer's timeline or
 * one notification for support staff.
 */
@Controller("/api/v1")
class NotificationController {
  private final NotificationStore store;

  NotificationController(NotificationStore store) {
    this.store = store;
  }

  /** A notification with its attempts, as the API shows it. */
  record NotificationView(
      String notificationId,
      String customerId,
      String category,
      String templateKey,
      String status,
      String statusReason,
      String channel,
      Instant requestedAt,
      Instant updatedAt,
      List<AttemptRecord> attempts) {
    static NotificationView of(NotificationRecord n, List<AttemptRecord> attempts) {
      return new NotificationView(
          n.notificationId(),
          n.customerId(),
          n.category(),
          n.templateKey(),
          n.status().wireName(),
          n.statusReason(),
          n.channel(),
          n.requestedAt(),
          n.updatedAt(),
          attempts);
    }
  }

  @Get("/notifications{?limit}")
  @Secured(Roles.CUSTOMER)
  @Transactional
  List<NotificationView> own(Authentication who, @QueryValue(defaultValue = "50") int limit) {
    return timeline(who.getName(), limit);
  }

  @Get("/customers/{customerId}/notifications{?limit}")
  @Secured({Roles.SUPPORT, Roles.ADMIN})
  @Transactional
  List<NotificationView> forCustomer(
      @PathVariable String customerId, @QueryValue(defaultValue = "50") int limit) {
    return timeline(customerId, limit);
  }

  @Get("/notifications/{notificationId}")
  @Secured({Roles.SUPPORT, Roles.ADMIN})
  @Transactional
  NotificationView one(@PathVariable String notificationId) {
    return store
        .find(notificationId)
        .map(n -> NotificationView.of(n, store.attempts(notificationId)))
        .orElseThrow(() -> new NotFoundException("notification"));
  }

  private List<NotificationView> timeline(String customerId, int limit) {
    if (limit < 1 || limit > 500) {
      throw InvalidInputException.of("limit", "must be between 1 and 500");
    }
    return store.forCustomer(customerId, limit).stream()
        .map(n -> NotificationView.of(n, store.attempts(n.notificationId())))
        .toList();
  }
}
