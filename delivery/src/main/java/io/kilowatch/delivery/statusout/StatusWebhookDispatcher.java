package io.kilowatch.delivery.statusout;

import io.kilowatch.channel.Channel;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.channel.SendResult;
import io.kilowatch.channel.webhook.WebhookHeaders;
import io.kilowatch.channel.webhook.WebhookSender;
import io.kilowatch.channel.webhook.WebhookSettings;
import io.kilowatch.events.EventCodec;
import io.kilowatch.events.EventCodec.RawEnvelope;
import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.notification.DeliveryStatusChanged;
import io.kilowatch.platform.messaging.EventSubscription;
import io.kilowatch.platform.messaging.RejectedEventException;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts every {@code notification.delivery-status-changed.v1} to each active status webhook, signed
 * exactly like the webhook channel ({@link WebhookSender}: {@code Kilowatch-Signature:
 * t=…,kid=…,v1=HMAC-SHA256(t + "." + body)}, the {@code EndpointGuard} SSRF check before every
 * call, no redirects), with the endpoint's own secret. The body is the CloudEvents JSON of the
 * event; {@code Idempotency-Key} and {@code Kilowatch-Notification-Id} carry the event id (the same
 * on every retry), {@code Kilowatch-Event-Type} the event type.
 *
 * <p>Consumed through an {@link EventSubscription} (queue {@code delivery.status-webhooks}), so a
 * retryable failure (5xx, 429, timeout, connection) is retried with the consumer's backoff and then
 * dead-lettered, and a permanent one (4xx, refused endpoint) is dead-lettered at once with the
 * reason. Delivery is at least once: a retry also goes again to endpoints that had accepted it, so
 * receivers dedupe on {@code Idempotency-Key}. Thread-safe.
 */
@Singleton
public class StatusWebhookDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(StatusWebhookDispatcher.class);
  static final String PROVIDER = "status-webhook";

  private final StatusWebhooks webhooks;
  private final WebhookSettings policy;
  private final Map<String, WebhookSender> senders = new ConcurrentHashMap<>();

  StatusWebhookDispatcher(StatusWebhooks webhooks, WebhookSettings policy) {
    this.webhooks = webhooks;
    this.policy = policy;
  }

  /** Sends one status change to every active endpoint; throws if any did not accept it. */
  void dispatch(RawEnvelope raw) {
    EventEnvelope<DeliveryStatusChanged> event = raw.bind(EventTypes.DELIVERY_STATUS_CHANGED);
    String body = new String(EventCodec.encode(event), StandardCharsets.UTF_8);
    List<String> retryable = new ArrayList<>();
    List<String> permanent = new ArrayList<>();
    for (StatusWebhookMapper.Row endpoint : webhooks.active()) {
      OutboundMessage message =
          new OutboundMessage(
              event.id(),
              Channel.WEBHOOK,
              endpoint.url(),
              null,
              body,
              Map.of(WebhookHeaders.EVENT_TYPE_METADATA, event.type()));
      SendResult result = sender(endpoint).send(message);
      if (result instanceof SendResult.RetryableFailure f) {
        retryable.add(endpoint.id() + ": " + f.errorCode() + " " + f.message());
      } else if (result instanceof SendResult.PermanentFailure f) {
        permanent.add(endpoint.id() + ": " + f.errorCode() + " " + f.message());
      }
    }
    if (!retryable.isEmpty()) {
      throw new IllegalStateException(
          "status webhook not accepted, will retry: " + String.join("; ", retryable));
    }
    if (!permanent.isEmpty()) {
      throw new RejectedEventException(
          "status webhook refused it: " + String.join("; ", permanent));
    }
    LOG.debug("status {} of {} posted", event.data().status(), event.data().notificationId());
  }

  /** One sender per endpoint and key: its secret, the webhook channel's endpoint policy. */
  private WebhookSender sender(StatusWebhookMapper.Row endpoint) {
    return senders.computeIfAbsent(
        endpoint.id() + "/" + endpoint.keyId(),
        k -> {
          WebhookSettings s = new WebhookSettings();
          s.setEnabled(true);
          s.setSigningKeys(Map.of(endpoint.keyId(), endpoint.secret()));
          s.setCurrentKeyId(endpoint.keyId());
          s.setRequireHttps(policy.isRequireHttps());
          s.setAllowPrivateNetworks(policy.isAllowPrivateNetworks());
          s.setAllowedHosts(policy.getAllowedHosts());
          s.setAllowedPorts(policy.getAllowedPorts());
          s.setConnectTimeout(policy.getConnectTimeout());
          s.setRequestTimeout(policy.getRequestTimeout());
          s.setMaxResponseBodyBytes(policy.getMaxResponseBodyBytes());
          s.setUserAgent(policy.getUserAgent());
          s.setProvider(PROVIDER);
          return new WebhookSender(s);
        });
  }

  @Factory
  static class Subscription {
    @Singleton
    EventSubscription statusWebhooks(StatusWebhookDispatcher dispatcher) {
      return EventSubscription.of(
          "delivery.status-webhooks",
          EventTypes.DELIVERY_STATUS_CHANGED.name(),
          dispatcher::dispatch);
    }
  }
}
