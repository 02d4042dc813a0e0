package io.kilowatch.delivery.digest;

import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.platform.messaging.Outbox;
import io.kilowatch.platform.persistence.Mappers;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Closes due digest windows: each becomes one {@code notification.requested.v1} with template key
 * {@code <category>.digest} and the items as data ({@code count}, and {@code items} as one text
 * block, a line per item), published through the outbox in the transaction that closes the window,
 * so it goes through the normal route (consent, preferences, quiet hours, dedupe). The notification
 * id and idempotency key are derived from customer, category and window end, so a window is sent at
 * most once. Several instances share the work ({@code FOR UPDATE SKIP LOCKED}).
 */
@Singleton
public class DigestCloser {
  /** Items listed in the digest's text; more are summed up as {@code (+n)}. */
  static final int MAX_LISTED = 20;

  private static final int BATCH = 200;
  private static final Duration KEEP_CLOSED = Duration.ofDays(2);

  private final DigestMapper mapper;
  private final Outbox outbox;
  private final Clock clock;

  DigestCloser(Mappers mappers, Outbox outbox, Clock clock) {
    this.mapper = mappers.of(DigestMapper.class);
    this.outbox = outbox;
    this.clock = clock;
  }

  /** Closes the windows due now; returns how many digests went to the outbox. */
  @Scheduled(fixedDelay = "${kilowatch.delivery.digest-poll:5s}")
  @Transactional
  public int closeDue() {
    Instant now = clock.instant();
    List<EventEnvelope<?>> digests = new ArrayList<>();
    for (DigestMapper.WindowRow w : mapper.dueWindows(now, BATCH)) {
      List<DigestMapper.ItemRow> items = mapper.items(w.customerId(), w.category(), w.closesAt());
      mapper.closeWindow(w.customerId(), w.category(), w.closesAt(), now);
      mapper.deleteItems(w.customerId(), w.category(), w.closesAt());
      if (!items.isEmpty()) {
        digests.add(digest(w, items, now));
      }
    }
    outbox.appendAll(digests);
    mapper.purgeClosed(now.minus(KEEP_CLOSED));
    return digests.size();
  }

  static EventEnvelope<NotificationRequested> digest(
      DigestMapper.WindowRow window, List<DigestMapper.ItemRow> items, Instant now) {
    NotificationCategory category = NotificationCategory.fromWire(window.category());
    String key =
        "digest:" + window.customerId() + ":" + window.category() + ":" + window.closesAt();
    String id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    NotificationRequested request =
        new NotificationRequested(
            id,
            window.customerId(),
            category,
            NotificationPriority.NORMAL,
            DigestPolicy.digestTemplate(category),
            key,
            Map.of("count", Integer.toString(items.size()), "items", lines(items)),
            window.closesAt());
    return EventEnvelope.of(
        EventTypes.NOTIFICATION_REQUESTED,
        "/kilowatch/delivery/digest",
        now,
        "customer/" + window.customerId(),
        request);
  }

  /** One line per item ({@code - title: body}), at most {@link #MAX_LISTED}, then {@code (+n)}. */
  static String lines(List<DigestMapper.ItemRow> items) {
    StringBuilder text = new StringBuilder();
    int listed = Math.min(items.size(), MAX_LISTED);
    for (int i = 0; i < listed; i++) {
      DigestMapper.ItemRow item = items.get(i);
      if (i > 0) {
        text.append('\n');
      }
      text.append("- ");
      if (!item.title().isBlank()) {
        text.append(item.title()).append(": ");
      }
      text.append(item.body());
    }
    if (items.size() > listed) {
      text.append("\n(+").append(items.size() - listed).append(')');
    }
    return text.toString();
  }
}
