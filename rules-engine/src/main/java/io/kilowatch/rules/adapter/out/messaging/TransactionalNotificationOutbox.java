package io.kilowatch.rules.adapter.out.messaging;

import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.platform.messaging.Outbox;
import io.kilowatch.rules.application.port.out.NotificationOutbox;
import jakarta.inject.Singleton;
import java.util.List;

/** The platform's outbox, multi-row appends for batches. Thread-safe. */
@Singleton
class TransactionalNotificationOutbox implements NotificationOutbox {
  private final Outbox outbox;

  TransactionalNotificationOutbox(Outbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void append(List<EventEnvelope<NotificationRequested>> notifications) {
    if (!notifications.isEmpty()) {
      outbox.appendAll(notifications);
    }
  }
}
