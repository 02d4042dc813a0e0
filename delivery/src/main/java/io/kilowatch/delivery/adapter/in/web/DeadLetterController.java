package io.kilowatch.delivery.adapter.in.web;

import io.kilowatch.delivery.application.NotificationStore;
import io.kilowatch.delivery.application.NotificationStore.DeadLetterRecord;
import io.kilowatch.events.EventCodec;
import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.MalformedEventException;
import io.kilowatch.platform.messaging.EventPublisher;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.platform.web.NotFoundException;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.transaction.annotation.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Dead letters for ops: list, inspect, replay. A replay republishes the event; it passes the
 * consumers' inbox and delivery's dedupe like any event, so it cannot send twice.
 */
@Controller("/api/v1/dead-letters")
@Secured({Roles.OPS, Roles.ADMIN})
class DeadLetterController {
  private final NotificationStore store;
  private final EventPublisher publisher;
  private final Clock clock;

  DeadLetterController(NotificationStore store, EventPublisher publisher, Clock clock) {
    this.store = store;
    this.publisher = publisher;
    this.clock = clock;
  }

  /** A dead letter as the API shows it; the body as text for inspection. */
  record DeadLetterView(
      long id,
      String kind,
      String messageId,
      String routingKey,
      String queue,
      String reason,
      int attempts,
      Instant failedAt,
      String customerId,
      String notificationId,
      int replayCount,
      Instant lastReplayedAt,
      String body) {
    static DeadLetterView of(DeadLetterRecord d) {
      return new DeadLetterView(
          d.id(),
          d.kind(),
          d.messageId(),
          d.routingKey(),
          d.queue(),
          d.reason(),
          d.attempts(),
          d.failedAt(),
          d.customerId(),
          d.notificationId(),
          d.replayCount(),
          d.lastReplayedAt(),
          new String(d.body(), StandardCharsets.UTF_8));
    }
  }

  @Get("{?kind,limit}")
  @Transactional
  List<DeadLetterView> list(
      @QueryValue(defaultValue = "") String kind, @QueryValue(defaultValue = "100") int limit) {
    if (!kind.isEmpty() && !kind.equals("event") && !kind.equals("notification")) {
      throw InvalidInputException.of("kind", "must be 'event' or 'notification'");
    }
    if (limit < 1 || limit > 1000) {
      throw InvalidInputException.of("limit", "must be between 1 and 1000");
    }
    return store.deadLetters(kind.isEmpty() ? null : kind, limit).stream()
        .map(DeadLetterView::of)
        .toList();
  }

  @Get("/{id}")
  @Transactional
  DeadLetterView one(@PathVariable long id) {
    return store.deadLetter(id).map(DeadLetterView::of).orElseThrow(() -> notFound());
  }

  /** Republishes the dead letter; answers with it, replay count updated. */
  @Post("/{id}/replay")
  @Transactional
  DeadLetterView replay(@PathVariable long id) {
    DeadLetterRecord letter = store.deadLetter(id).orElseThrow(() -> notFound());
    byte[] body = letter.body();
    String messageId =
        letter.messageId() == null ? UUID.randomUUID().toString() : letter.messageId();
    if (letter.kind().equals("notification")) {
      // a new event id each time, so the consumer's inbox takes it; dedupe still guards sending
      try {
        var original = EventCodec.decode(body, EventTypes.NOTIFICATION_REQUESTED);
        var again =
            EventEnvelope.of(
                EventTypes.NOTIFICATION_REQUESTED,
                original.source(),
                clock.instant(),
                original.subject(),
                original.data());
        body = EventCodec.encode(again);
        messageId = again.id();
      } catch (MalformedEventException e) {
        throw InvalidInputException.of(
            "id", "stored notification is unreadable: " + e.getMessage());
      }
    }
    try {
      publisher.publish(List.of(new EventPublisher.Message(letter.routingKey(), messageId, body)));
    } catch (IOException e) {
      throw new UncheckedIOException("replay not confirmed by the broker", e);
    }
    store.markReplayed(id, clock.instant());
    return store.deadLetter(id).map(DeadLetterView::of).orElseThrow(() -> notFound());
  }

  private static NotFoundException notFound() {
    return new NotFoundException("dead letter");
  }
}
