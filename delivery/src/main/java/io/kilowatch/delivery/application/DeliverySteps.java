package io.kilowatch.delivery.application;

import io.kilowatch.channel.Channel;
import io.kilowatch.channel.ChannelSender;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.channel.SendResult;
import io.kilowatch.delivery.domain.DeliveryJob;
import io.kilowatch.delivery.domain.DeliveryStatus;
import io.kilowatch.events.EventCodec;
import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.preference.application.ContactPoints;
import io.kilowatch.preference.application.DeliveryPlanner;
import io.kilowatch.preference.domain.DeliveryPlan;
import io.kilowatch.templates.RenderedMessage;
import io.kilowatch.templates.TemplateRenderException;
import io.kilowatch.templates.TemplateRenderer;
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
import java.util.UUID;
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

  /** The data key of an account message that names the contact point it verifies. */
  static final String CONTACT_POINT_ID = "contactPointId";

  private final NotificationStore store;
  private final DedupeCache dedupeCache;

  /** FCM's answers that mean the token will never work again (see the push adapter). */
  private static final java.util.Set<String> DEAD_TOKEN_CODES =
      java.util.Set.of("UNREGISTERED", "INVALID_TOKEN");

  private final DeliveryPlanner planner;
  private final ContactPoints contactPoints;
  private final TemplateRenderer templates;
  private final ResilientSender sender;
  private final Map<Channel, List<ChannelSender>> senders = new EnumMap<>(Channel.class);
  private final MeterRegistry metrics;
  private final DeliveryAnalytics analytics;
  private final Clock clock;

  /** Publishes each recorded status change (statusout); field-injected to keep the constructor. */
  @jakarta.inject.Inject io.kilowatch.delivery.statusout.DeliveryStatusOut statusOut;

  /** Step 1, consent (consent-gdpr); injected into the field to keep the constructor stable. */
  @jakarta.inject.Inject ConsentStep consent;

  /** Digests, in-app feed and email tracking (issue 5); field-injected to keep the constructor. */
  @jakarta.inject.Inject io.kilowatch.delivery.digest.DigestBuffer digests;

  @jakarta.inject.Inject io.kilowatch.delivery.feed.FeedService feed;

  @jakarta.inject.Inject io.kilowatch.delivery.tracking.TrackingLinks tracking;

  DeliverySteps(
      NotificationStore store,
      DedupeCache dedupeCache,
      DeliveryPlanner planner,
      ContactPoints contactPoints,
      TemplateRenderer templates,
      ResilientSender sender,
      List<ChannelSender> channelSenders,
      MeterRegistry metrics,
      DeliveryAnalytics analytics,
      Clock clock) {
    this.analytics = analytics;
    this.store = store;
    this.dedupeCache = dedupeCache;
    this.planner = planner;
    this.contactPoints = contactPoints;
    this.templates = templates;
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
    if (consent.dropIfErased(job)) {
      return; // an erased person: nothing is recorded with their id
    }
    if (store.accept(job.request(), clock.instant())) {
      job.markAccepted();
    } else {
      job.close(DeliveryStatus.DUPLICATE, "notification id already received");
    }
  }

  /**
   * Asks the customer's preferences how to deliver: to which verified contact points in which
   * order, now or after quiet hours, or not at all (opted out, over a cap, nowhere to send).
   */
  public void plan(DeliveryJob job) {
    var request = job.request();
    consent.gate(job); // consent before preferences: no purpose, no plan
    if (!job.isOpen()) {
      return;
    }
    DeliveryPlan plan =
        isAccountMessage(job)
            ? planVerification(job)
            : planner.plan(
                request.customerId(),
                request.category(),
                request.priority(),
                clock.instant(),
                // the requester's channels in their order (trigger API); empty = the customer's own
                request.channels().stream()
                    .map(c -> Channel.valueOf(c.toUpperCase(java.util.Locale.ROOT)))
                    .toList());
    if (plan == null) {
      return; // closed: an account message without its contact point
    }
    if (plan.isRefused()) {
      job.close(
          DeliveryStatus.SUPPRESSED,
          plan.refusal().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
              + (plan.detail() == null ? "" : ": " + plan.detail()));
      return;
    }
    if (digests.absorb(job, plan)) {
      return; // kept for the customer's digest of the category (closed as digested)
    }
    if (plan.isDeferred()) {
      job.defer(plan.deferUntil(), "quiet hours until " + plan.deferUntil());
      return;
    }
    List<DeliveryJob.Route> routes =
        plan.candidates().stream()
            .filter(c -> senders.containsKey(c.channel()))
            .map(c -> new DeliveryJob.Route(c.channel(), c.address()))
            .toList();
    if (routes.isEmpty()) {
      job.close(DeliveryStatus.SUPPRESSED, "no configured channel among the customer's choices");
      return;
    }
    routes = consent.permitted(job, routes); // per channel: the ledger is per channel
    if (!job.isOpen()) {
      return;
    }
    job.candidates(routes);
    job.locale(plan.locale());
  }

  /** A verification code (category account): only for the contact point it verifies. */
  private static boolean isAccountMessage(DeliveryJob job) {
    return job.request().category() == NotificationCategory.ACCOUNT;
  }

  /** The plan of a verification code; null (job closed as failed) without a valid point id. */
  private DeliveryPlan planVerification(DeliveryJob job) {
    String id = job.request().data().get(CONTACT_POINT_ID);
    UUID contactPointId;
    try {
      contactPointId = UUID.fromString(id == null ? "" : id);
    } catch (IllegalArgumentException e) {
      job.close(DeliveryStatus.FAILED, "an account message needs data." + CONTACT_POINT_ID);
      return null;
    }
    return planner.planVerification(job.request().customerId(), contactPointId, clock.instant());
  }

  /**
   * Tries the planned channels in the customer's order: dedupe, render and send on each until one
   * provider accepts (channel fallback). A channel that failed gives its dedupe claim back.
   */
  public void deliver(DeliveryJob job) {
    List<DeliveryJob.Route> routes = job.candidates();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < routes.size(); i++) {
      DeliveryJob.Route route = routes.get(i);
      if (i > 0) {
        job.reopenForFallback();
      }
      job.route(route.channel(), route.address());
      dedupe(job);
      if (job.isOpen()) {
        render(job);
      }
      if (job.isOpen()) {
        send(job);
      }
      if (job.status() == DeliveryStatus.SENT) {
        if (!isAccountMessage(job)) { // verification codes count towards no cap
          planner.recordSent(
              job.request().customerId(),
              job.request().category(),
              route.channel(),
              clock.instant());
        }
        return;
      }
      if (job.status() != DeliveryStatus.FAILED) {
        return; // duplicate: this notification already went out on that channel
      }
      retireIfDead(job, route);
      failures.add(route.channel().wireName() + " (" + job.reason() + ")");
      if (i < routes.size() - 1) {
        releaseClaim(job);
      }
    }
    if (failures.size() > 1) {
      job.close(DeliveryStatus.FAILED, "every channel failed: " + String.join("; ", failures));
    }
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

  /**
   * Renders the published template for key, channel and the customer's locale (with fallback). A
   * missing template or variable cannot be fixed by retrying: the job fails and is dead-lettered
   * for ops.
   */
  public void render(DeliveryJob job) {
    var request = job.request();
    try {
      RenderedMessage rendered =
          templates.render(request.templateKey(), job.channel(), job.locale(), request.data());
      OutboundMessage message =
          rendered.toOutboundMessage(request.notificationId(), job.recipient());
      if (!isAccountMessage(job)) { // a verification code has no unsubscribe link or tracking
        message = consent.withUnsubscribeLink(job, message);
        // email open/click tracking when configured and consented (else unchanged)
        message = tracking.apply(request.customerId(), message);
      }
      job.message(message);
    } catch (TemplateRenderException | IllegalArgumentException e) {
      job.close(DeliveryStatus.FAILED, "template: " + e.getMessage());
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
    releaseClaim(job);
    Instant now = clock.instant();
    byte[] body = encode(request);
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

  /** A push token the provider says is gone is removed from the customer's contact points. */
  private void retireIfDead(DeliveryJob job, DeliveryJob.Route route) {
    if (route.channel() == Channel.PUSH
        && job.result() instanceof SendResult.PermanentFailure f
        && DEAD_TOKEN_CODES.contains(f.errorCode())) {
      contactPoints.retire(
          job.request().customerId(),
          Channel.PUSH,
          route.address(),
          "push provider answered " + f.errorCode());
    }
  }

  private void releaseClaim(DeliveryJob job) {
    if (job.isClaimed()) {
      var request = job.request();
      store.releaseDispatch(
          request.idempotencyKey(), job.channel().wireName(), request.notificationId());
      dedupeCache.release(job.dedupeKey(), request.notificationId());
    }
  }

  private byte[] encode(NotificationRequested request) {
    return EventCodec.encode(
        EventEnvelope.of(
            EventTypes.NOTIFICATION_REQUESTED,
            "/kilowatch/delivery",
            clock.instant(),
            "customer/" + request.customerId(),
            request));
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
      if (job.status() == DeliveryStatus.DEFERRED) {
        store.defer(job.request().notificationId(), job.deferUntil(), encode(job.request()));
      }
      if (job.status() == DeliveryStatus.FAILED && !job.wasAccepted()) {
        deadLetter(job);
      }
      if (job.status() == DeliveryStatus.SENT && !isAccountMessage(job)) {
        feed.add(job); // the customer's in-app feed, announced to their open sockets
      }
      if (statusOut != null) {
        statusOut.recorded(job, clock.instant()); // DeliveryStatusChanged through the outbox
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
        ConsentStep.isErasedDrop(job) ? "(erased)" : job.request().customerId(),
        job.status().wireName(),
        job.reason() == null ? "" : " (" + job.reason() + ")");
  }
}
