package io.kilowatch.delivery.application;

import io.kilowatch.channel.Channel;
import io.kilowatch.channel.ChannelSender;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.channel.SendResult;
import io.kilowatch.delivery.domain.DeliveryJob;
import io.kilowatch.delivery.domain.DeliveryStatus;
import io.kilowatch.delivery.domain.PlainTextTemplates;
import io.kilowatch.events.EventCodec;
import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.preference.application.ContactPoints;
import io.kilowatch.preference.domain.ContactPoint;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the delivery route, in order. The Camel route decides the order and skips the
 * remaining steps once a job is closed; each step here is plain Java so it can be tested alone.
 * Thread-safe.
 */
@Singleton
public class DeliverySteps {
  private static final Logger LOG = LoggerFactory.getLogger(DeliverySteps.class);

  private final NotificationStore store;
  private final DedupeCache dedupeCache;
  private final ContactPoints contactPoints;
  private final ResilientSender sender;
  private final Map<Channel, List<ChannelSender>> senders = new EnumMap<>(Channel.class);
  private final MeterRegistry metrics;
  private final DeliveryAnalytics analytics;
  private final Clock clock;

  DeliverySteps(
      NotificationStore store,
      DedupeCache dedupeCache,
      ContactPoints contactPoints,
      ResilientSender sender,
      List<ChannelSender> channelSenders,
      MeterRegistry metrics,
      DeliveryAnalytics analytics,
      Clock clock) {
    this.analytics = analytics;
    this.store = store;
    this.dedupeCache = dedupeCache;
    this.contactPoints = contactPoints;
    this.sender = sender;
    this.metrics = metrics;
    this.clock = clock;
    for (ChannelSender s : channelSenders) {
      senders.computeIfAbsent(s.channel(), c -> new ArrayList<>()).add(s);
    }
    // primary accounts first, then their backups (provider names ending in "-backup")
    senders.values().forEach(list -> list.sort(Comparator.comparing(DeliverySteps::isBackup)));
  }

  /** Records the request; a notification id seen before is closed as a duplicate. */
  public void accept(DeliveryJob job) {
    if (store.accept(job.request(), clock.instant())) {
      job.markAccepted();
    } else {
      job.close(DeliveryStatus.DUPLICATE, "notification id already received");
    }
  }

  /** Picks the channel and the customer's verified address on it. */
  public void resolveRecipient(DeliveryJob job) {
    // The walking skeleton delivers by SMS; channel choice per category comes with preferences.
    List<ContactPoint> phones = contactPoints.verified(job.request().customerId(), Channel.SMS);
    if (phones.isEmpty()) {
      job.route(Channel.SMS, null);
      job.close(DeliveryStatus.SUPPRESSED, "no verified sms contact point");
      return;
    }
    job.route(Channel.SMS, phones.get(0).address());
  }

  /** One provider call per idempotency key and channel, across redeliveries and instances. */
  public void dedupe(DeliveryJob job) {
    String notificationId = job.request().notificationId();
    if (!dedupeCache.claim(job.dedupeKey(), notificationId)) {
      job.close(DeliveryStatus.DUPLICATE, "idempotency key already delivered (cache)");
      return;
    }
    if (!store.claimDispatch(
        job.request().idempotencyKey(),
        job.channel().wireName(),
        notificationId,
        clock.instant())) {
      job.close(DeliveryStatus.DUPLICATE, "idempotency key already delivered");
      return;
    }
    job.markClaimed();
  }

  /** Renders the message text for the channel. */
  public void render(DeliveryJob job) {
    var request = job.request();
    String template = PlainTextTemplates.sms(request.templateKey()).orElse(null);
    if (template == null) {
      job.close(DeliveryStatus.FAILED, "no sms template for '" + request.templateKey() + "'");
      return;
    }
    try {
      String text = PlainTextTemplates.render(template, request.data());
      job.message(OutboundMessage.sms(request.notificationId(), job.recipient(), text));
    } catch (IllegalArgumentException e) {
      job.close(DeliveryStatus.FAILED, e.getMessage());
    }
  }

  /**
   * Calls the channel's providers in order with retries: a provider whose retries are exhausted or
   * whose breaker is open hands over to the next (failover); a permanent answer about the recipient
   * ends the channel, except a provider's own authentication failure, which fails over.
   */
  public void send(DeliveryJob job) {
    List<ChannelSender> providers = senders.getOrDefault(job.channel(), List.of());
    if (providers.isEmpty()) {
      job.close(DeliveryStatus.FAILED, "no provider configured for " + job.channel().wireName());
      return;
    }
    SendResult result = null;
    for (ChannelSender provider : providers) {
      result = sender.send(provider, job.message(), job);
      job.result(result);
      if (result instanceof SendResult.Accepted) {
        job.close(DeliveryStatus.SENT, null);
        return;
      }
      if (result instanceof SendResult.PermanentFailure f && !"auth".equals(f.errorCode())) {
        job.close(DeliveryStatus.FAILED, f.errorCode() + ": " + f.message());
        return;
      }
    }
    String last =
        result instanceof SendResult.RetryableFailure f
            ? f.errorCode() + ": " + f.message()
            : ((SendResult.PermanentFailure) result).errorCode();
    job.close(
        DeliveryStatus.FAILED,
        "no provider accepted it (" + providers.size() + " tried), last " + last);
  }

  private void countAnalytics(DeliveryJob job, String channel) {
    var request = job.request();
    String category = request.category().wireName();
    String provider =
        job.attempts().isEmpty()
            ? "none"
            : job.attempts().get(job.attempts().size() - 1).provider();
    Instant at = clock.instant();
    if (job.isAccepted()) {
      analytics.count(at, channel, category, provider, "requested");
    }
    String metric = job.status().wireName();
    if (job.status() == DeliveryStatus.FAILED) {
      metric += job.result() instanceof SendResult.PermanentFailure ? ":permanent" : ":retryable";
    } else if (job.status() == DeliveryStatus.SUPPRESSED && job.reason() != null) {
      metric += ":" + job.reason().replace(' ', '-');
    }
    analytics.count(at, channel, category, provider, metric);
    for (DeliveryJob.Attempt attempt : job.attempts()) {
      if (attempt.result() instanceof SendResult.Accepted) {
        analytics.latency(
            at, channel, attempt.provider(), Duration.between(request.requestedAt(), attempt.at()));
      }
    }
  }

  private void deadLetter(DeliveryJob job) {
    var request = job.request();
    if (job.isClaimed()) {
      store.releaseDispatch(
          request.idempotencyKey(), job.channel().wireName(), request.notificationId());
      dedupeCache.release(job.dedupeKey(), request.notificationId());
    }
    Instant now = clock.instant();
    byte[] body =
        EventCodec.encode(
            EventEnvelope.of(
                EventTypes.NOTIFICATION_REQUESTED,
                "/kilowatch/delivery",
                now,
                "customer/" + request.customerId(),
                request));
    store.storeDeadLetter(
        new NotificationStore.DeadLetterRecord(
            null,
            "notification",
            request.notificationId(),
            EventTypes.NOTIFICATION_REQUESTED.name(),
            "delivery",
            job.reason(),
            job.attempts().size(),
            now,
            now,
            body,
            request.customerId(),
            request.notificationId(),
            0,
            null));
  }

  private static boolean isBackup(ChannelSender sender) {
    return sender.provider().endsWith("-backup");
  }

  /**
   * Stores the outcome and counts it. A notification that failed without any provider accepting it
   * gives its dedupe claim back and becomes a dead letter, so ops can replay it.
   */
  public void record(DeliveryJob job) {
    if (job.isAccepted()) {
      store.finish(job, clock.instant());
      if (job.status() == DeliveryStatus.FAILED && !job.wasAccepted()) {
        deadLetter(job);
      }
    }
    String channel = job.channel() == null ? "none" : job.channel().wireName();
    countAnalytics(job, channel);
    metrics
        .counter("kilowatch.deliveries", "channel", channel, "status", job.status().wireName())
        .increment();
    LOG.info(
        "notification {} for customer {}: {}{}",
        job.request().notificationId(),
        job.request().customerId(),
        job.status().wireName(),
        job.reason() == null ? "" : " (" + job.reason() + ")");
  }
}
