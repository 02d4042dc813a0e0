package io.kilowatch.delivery.application;

import io.kilowatch.events.EventCodec;
import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.platform.messaging.Outbox;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/**
 * Releases notifications deferred by quiet hours once their time has come: each goes back on the
 * bus as a new {@code notification.requested.v1} event (through the outbox, in the transaction that
 * removes it from {@code delivery.deferred}), and is planned again with the customer's preferences
 * as they are then. Several instances share the work ({@code SKIP LOCKED}).
 */
@Singleton
public class DeferredReleaser {
  private static final int BATCH = 500;

  private final NotificationStore store;
  private final Outbox outbox;
  private final Clock clock;

  DeferredReleaser(NotificationStore store, Outbox outbox, Clock clock) {
    this.store = store;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** Releases what is due now; returns how many notifications went back on the bus. */
  @Scheduled(fixedDelay = "${kilowatch.delivery.deferral-poll:5s}")
  @Transactional
  public int releaseDue() {
    List<byte[]> due = store.takeDue(clock.instant(), BATCH);
    List<EventEnvelope<?>> again =
        due.stream()
            .<EventEnvelope<?>>map(
                body -> {
                  var original = EventCodec.decode(body, EventTypes.NOTIFICATION_REQUESTED);
                  return EventEnvelope.of(
                      EventTypes.NOTIFICATION_REQUESTED,
                      "/kilowatch/delivery",
                      clock.instant(),
                      original.subject(),
                      original.data());
                })
            .toList();
    outbox.appendAll(again);
    return again.size();
  }
}
