package io.kilowatch.delivery.digest;

import io.kilowatch.channel.Channel;
import io.kilowatch.delivery.domain.DeliveryJob;
import io.kilowatch.delivery.domain.DeliveryStatus;
import io.kilowatch.platform.persistence.Mappers;
import io.kilowatch.preference.domain.DeliveryPlan;
import io.kilowatch.templates.RenderedMessage;
import io.kilowatch.templates.TemplateRenderException;
import io.kilowatch.templates.TemplateRenderer;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The delivery route's digest step: a non-critical notification of a digest category is not sent on
 * its own but kept, rendered to one line, in the customer's open window of that category (durably,
 * in PostgreSQL); {@link DigestCloser} sends the window as one message when it closes. Thread-safe.
 */
@Singleton
public class DigestBuffer {
  /** How many later windows an item may move on to when it meets a window being closed. */
  private static final int MAX_WINDOW_HOPS = 3;

  private final DigestPolicy policy;
  private final DigestMapper mapper;
  private final TemplateRenderer templates;
  private final Clock clock;

  DigestBuffer(DigestPolicy policy, Mappers mappers, TemplateRenderer templates, Clock clock) {
    this.policy = policy;
    this.mapper = mappers.of(DigestMapper.class);
    this.templates = templates;
    this.clock = clock;
  }

  /**
   * Keeps the job's notification for the digest and closes the job as {@code digested}; returns
   * false (and changes nothing) when it goes out on its own: no digest for its category, critical,
   * a digest itself, or not renderable as a line (it then fails on its own with the reason).
   */
  @Transactional
  public boolean absorb(DeliveryJob job, DeliveryPlan plan) {
    var request = job.request();
    Optional<DigestWindow> window = policy.windowFor(request);
    if (window.isEmpty()) {
      return false;
    }
    RenderedMessage line;
    try {
      line = templates.render(request.templateKey(), Channel.PUSH, plan.locale(), request.data());
    } catch (TemplateRenderException | IllegalArgumentException e) {
      return false;
    }
    Instant now = clock.instant();
    String category = request.category().wireName();
    Instant closesAt = window.get().closesAfter(now, plan.timeZone());
    for (int hop = 0; hop < MAX_WINDOW_HOPS; hop++) {
      mapper.openWindow(request.customerId(), category, closesAt, now);
      boolean closed =
          mapper.holdWindow(request.customerId(), category, closesAt).stream()
              .findFirst()
              .orElse(Boolean.TRUE);
      if (!closed) {
        mapper.insertItem(
            new DigestMapper.ItemRow(
                request.notificationId(),
                request.customerId(),
                category,
                closesAt,
                request.templateKey(),
                line.subject() == null ? "" : line.subject(),
                line.text(),
                request.requestedAt(),
                now));
        job.close(DeliveryStatus.DIGESTED, category + " digest closing " + closesAt);
        return true;
      }
      // the closer took this window a moment ago: the item belongs to the next one
      closesAt = window.get().closesAfter(closesAt, plan.timeZone());
    }
    return false;
  }
}
