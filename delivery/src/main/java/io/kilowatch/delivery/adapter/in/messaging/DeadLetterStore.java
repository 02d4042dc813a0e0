package io.kilowatch.delivery.adapter.in.messaging;

import io.kilowatch.delivery.application.NotificationStore;
import io.kilowatch.delivery.application.NotificationStore.DeadLetterRecord;
import io.kilowatch.events.EventCodec;
import io.kilowatch.events.MalformedEventException;
import io.kilowatch.platform.messaging.DeadLetter;
import io.kilowatch.platform.messaging.DeadLetterSink;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Keeps every message of the dead-letter queue in {@code delivery.dead_letter}. */
@Singleton
class DeadLetterStore implements DeadLetterSink {
  private final NotificationStore store;
  private final Clock clock;

  DeadLetterStore(NotificationStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void store(DeadLetter letter) {
    store.storeDeadLetter(
        new DeadLetterRecord(
            null,
            "event",
            letter.messageId(),
            letter.routingKey() == null ? "unknown" : letter.routingKey(),
            letter.queue(),
            letter.reason(),
            letter.attempts(),
            letter.failedAt(),
            clock.instant(),
            letter.body(),
            customerOf(letter.body()),
            null,
            0,
            null));
  }

  /** The customer an event is about, when its subject says so; null for unreadable bodies. */
  private static String customerOf(byte[] body) {
    try {
      String subject = EventCodec.decodeRaw(body).subject();
      return subject != null && subject.startsWith("customer/")
          ? subject.substring("customer/".length())
          : null;
    } catch (MalformedEventException e) {
      return null;
    }
  }
}
