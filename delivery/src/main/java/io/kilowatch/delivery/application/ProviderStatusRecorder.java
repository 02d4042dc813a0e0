package io.kilowatch.delivery.application;

import io.kilowatch.channel.Channel;
import io.kilowatch.channel.ProviderStatus;
import io.kilowatch.channel.ProviderStatusListener;
import io.kilowatch.channel.ProviderStatusUpdate;
import io.kilowatch.delivery.domain.DeliveryStatus;
import io.kilowatch.preference.application.ContactPoints;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records verified provider reports against their notification: each report once (providers
 * resend), the notification's status only moved forward (reports arrive out of order), counted in
 * analytics and in {@code kilowatch.deliveries}. Thread-safe.
 */
@Singleton
public class ProviderStatusRecorder implements ProviderStatusListener {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderStatusRecorder.class);

  private final NotificationStore store;
  private final ContactPoints contactPoints;
  private final DeliveryAnalytics analytics;
  private final MeterRegistry metrics;
  private final Clock clock;

  /** Publishes each status change (statusout); field-injected to keep the constructor. */
  @jakarta.inject.Inject io.kilowatch.delivery.statusout.DeliveryStatusOut statusOut;

  ProviderStatusRecorder(
      NotificationStore store,
      ContactPoints contactPoints,
      DeliveryAnalytics analytics,
      MeterRegistry metrics,
      Clock clock) {
    this.store = store;
    this.contactPoints = contactPoints;
    this.analytics = analytics;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  @Transactional
  public void onStatus(ProviderStatusUpdate update) {
    String notificationId =
        update.notificationId() != null
            ? update.notificationId()
            : store.notificationOf(update.provider(), update.providerMessageId()).orElse(null);
    if (notificationId == null) {
      LOG.warn(
          "{} reported {} for unknown message {}",
          update.provider(),
          update.status(),
          update.providerMessageId());
      return;
    }
    store.awaitWriter(notificationId); // a report can overtake the commit of its own delivery
    var notification = store.find(notificationId).orElse(null);
    if (notification == null) {
      LOG.warn("{} reported {} for unknown notification", update.provider(), update.status());
      return;
    }
    boolean first =
        store.recordStatusEvent(
            notificationId,
            update.provider(),
            update.providerMessageId(),
            update.status().name(),
            update.errorCode(),
            update.detail(),
            update.occurredAt(),
            clock.instant());
    if (!first) {
      return;
    }
    String metric = update.status().name().toLowerCase(Locale.ROOT).replace('_', '-');
    analytics.count(
        update.occurredAt(),
        notification.channel(),
        notification.category(),
        update.provider(),
        metric);
    metrics
        .counter(
            "kilowatch.deliveries",
            "channel",
            notification.channel() == null ? "none" : notification.channel(),
            "status",
            metric)
        .increment();
    if ((update.status() == ProviderStatus.BOUNCED
            || update.status() == ProviderStatus.SPAM_REPORTED)
        && update.recipient() != null) {
      // the address is suppressed: no further email goes to it
      contactPoints.retire(
          notification.customerId(),
          Channel.EMAIL,
          update.recipient(),
          update.provider() + " reported " + metric);
    }
    DeliveryStatus status = map(update.status());
    if (status != null && status.supersedes(notification.status())) {
      String reason =
          update.errorCode() == null
              ? update.detail()
              : update.errorCode() + ": " + update.detail();
      store.updateStatus(notificationId, status, reason, clock.instant());
      if (statusOut != null) {
        statusOut.reported(
            notificationId,
            notification.customerId(),
            notification.category(),
            notification.templateKey(),
            status,
            reason,
            notification.channel(),
            update.provider(),
            update.providerMessageId(),
            update.occurredAt());
      }
    }
  }

  /** The delivery status a report moves to; null for list events (unsubscribe, spam report). */
  static DeliveryStatus map(ProviderStatus status) {
    return switch (status) {
      case SENT -> DeliveryStatus.SENT;
      case DELIVERED -> DeliveryStatus.DELIVERED;
      case FAILED, DROPPED -> DeliveryStatus.FAILED;
      case BOUNCED -> DeliveryStatus.BOUNCED;
      case OPENED -> DeliveryStatus.OPENED;
      case CLICKED -> DeliveryStatus.CLICKED;
      case UNSUBSCRIBED, SPAM_REPORTED -> null;
    };
  }
}
