package io.kilowatch.delivery.adapter.in.messaging;

import io.kilowatch.delivery.application.DeliverySettings;
import io.kilowatch.delivery.route.NotificationDispatcher;
import io.kilowatch.events.EventTypes;
import io.kilowatch.platform.messaging.EventSubscription;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Delivery's queue: every {@code notification.requested.v1}. */
@Factory
class NotificationRequestedSubscription {
  @Singleton
  EventSubscription deliveryNotifications(
      NotificationDispatcher dispatcher, DeliverySettings settings) {
    return EventSubscription.of(
            "delivery.notifications",
            EventTypes.NOTIFICATION_REQUESTED.name(),
            event -> dispatcher.dispatch(event.bind(EventTypes.NOTIFICATION_REQUESTED).data()))
        .withConcurrency(settings.getConsumers(), 20);
  }
}
