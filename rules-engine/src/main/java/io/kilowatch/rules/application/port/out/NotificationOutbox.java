package io.kilowatch.rules.application.port.out;

import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.notification.NotificationRequested;
import java.util.List;

/**
 * Where requested notifications go: the transactional outbox, in the caller's transaction, so they
 * are published if and only if the state that caused them commits.
 */
public interface NotificationOutbox {
  void append(List<EventEnvelope<NotificationRequested>> notifications);
}
