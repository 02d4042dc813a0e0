package io.kilowatch.platform.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.kilowatch.events.EventCodec;
import io.kilowatch.events.EventCodec.RawEnvelope;
import io.kilowatch.events.MalformedEventException;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.rabbitmq.connect.ChannelPool;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Consumes every registered {@link EventSubscription} with manual acknowledgements.
 *
 * <p>Per message: decode the envelope; in one transaction record the event id in the inbox and run
 * the handler (skipped if the id was seen before); ack after the commit. Failures that can never
 * succeed (malformed, rejected) go to the dead-letter exchange at once, with the reason in the
 * {@code x-kw-reason} header; other failures are retried in place with exponential backoff and
 * dead-lettered after {@code kilowatch.messaging.max-attempts}. The dead letter is confirmed by the
 * broker before the original is acked, so nothing is lost and nothing loops.
 */
@Singleton
public class EventConsumers implements ApplicationEventListener<StartupEvent> {
  public static final String HEADER_REASON = "x-kw-reason";
  public static final String HEADER_QUEUE = "x-kw-queue";
  public static final String HEADER_ROUTING_KEY = "x-kw-routing-key";
  public static final String HEADER_FAILED_AT = "x-kw-failed-at";
  public static final String HEADER_ATTEMPTS = "x-kw-attempts";

  private static final Logger LOG = LoggerFactory.getLogger(EventConsumers.class);

  private final List<EventSubscription> subscriptions;
  private final ChannelPool channels;
  private final BrokerTopology topology;
  private final MessagingSettings settings;
  private final TransactionOperations<Connection> transactions;
  private final InboxMapper inbox;
  private final List<Channel> open = new CopyOnWriteArrayList<>();
  private boolean started;

  EventConsumers(
      List<EventSubscription> subscriptions,
      ChannelPool channels,
      BrokerTopology topology,
      MessagingSettings settings,
      TransactionOperations<Connection> transactions,
      InboxMapper inbox) {
    this.subscriptions = subscriptions;
    this.channels = channels;
    this.topology = topology;
    this.settings = settings;
    this.transactions = transactions;
    this.inbox = inbox;
  }

  @Override
  public synchronized void onApplicationEvent(StartupEvent event) {
    if (started) {
      return;
    }
    started = true;
    try {
      topology.ensureDeclared();
      for (EventSubscription subscription : subscriptions) {
        String queue = topology.declare(subscription);
        if (!settings.isStartConsumers()) {
          continue;
        }
        for (int i = 0; i < subscription.concurrency(); i++) {
          Channel channel = channels.getChannel();
          channel.basicQos(subscription.prefetch());
          channel.confirmSelect();
          channel.basicConsume(
              queue, false, new SubscriptionConsumer(channel, subscription, queue));
          open.add(channel);
        }
        LOG.info("consuming {} with {} consumer(s)", queue, subscription.concurrency());
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not start event consumers", e);
    }
  }

  @PreDestroy
  void stop() {
    for (Channel channel : open) {
      try {
        if (channel.isOpen()) {
          channel.close();
        }
        channels.returnChannel(channel); // lets the pool account for it; closed ones are dropped
      } catch (IOException | TimeoutException | RuntimeException e) {
        LOG.debug("closing consumer channel: {}", e.toString());
      }
    }
    open.clear();
  }

  private final class SubscriptionConsumer extends DefaultConsumer {
    private final EventSubscription subscription;
    private final String queue;
    private final RetryPolicy<Object> retry;

    SubscriptionConsumer(Channel channel, EventSubscription subscription, String queue) {
      super(channel);
      this.subscription = subscription;
      this.queue = queue;
      this.retry =
          RetryPolicy.builder()
              .handleIf(failure -> !isPermanent(failure))
              .withBackoff(settings.getRetryDelay(), settings.getRetryDelay().multipliedBy(20))
              .withMaxAttempts(settings.getMaxAttempts())
              .build();
    }

    @Override
    public void handleDelivery(
        String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
        throws IOException {
      RawEnvelope event;
      try {
        event = EventCodec.decodeRaw(body);
      } catch (MalformedEventException e) {
        deadLetter(envelope, properties, body, e.getMessage(), 1);
        return;
      }
      MDC.put("eventId", event.id());
      MDC.put("eventType", event.type());
      try {
        Failsafe.with(retry)
            .run(
                () ->
                    transactions.executeWrite(
                        status -> {
                          if (inbox.claim(subscription.name(), event.id()) == 1) {
                            subscription.handler().handle(event);
                          }
                          return null;
                        }));
        getChannel().basicAck(envelope.getDeliveryTag(), false);
      } catch (RuntimeException e) {
        Throwable cause = e instanceof FailsafeException && e.getCause() != null ? e.getCause() : e;
        String reason = reason(cause);
        LOG.warn("event {} on {} dead-lettered: {}", event.id(), queue, reason);
        deadLetter(
            envelope, properties, body, reason, isPermanent(cause) ? 1 : settings.getMaxAttempts());
      } finally {
        MDC.remove("eventId");
        MDC.remove("eventType");
      }
    }

    private void deadLetter(
        Envelope envelope,
        AMQP.BasicProperties properties,
        byte[] body,
        String reason,
        int attempts)
        throws IOException {
      Map<String, Object> headers = new HashMap<>();
      if (properties.getHeaders() != null) {
        headers.putAll(properties.getHeaders());
      }
      headers.put(HEADER_REASON, reason);
      headers.put(HEADER_QUEUE, queue);
      headers.put(HEADER_ROUTING_KEY, envelope.getRoutingKey());
      headers.put(HEADER_FAILED_AT, Instant.now().toString());
      headers.put(HEADER_ATTEMPTS, attempts);
      AMQP.BasicProperties dlProps = properties.builder().headers(headers).deliveryMode(2).build();
      Channel channel = getChannel();
      channel.basicPublish(
          settings.deadLetterExchange(), envelope.getRoutingKey(), false, dlProps, body);
      try {
        channel.waitForConfirmsOrDie(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted waiting for dead-letter confirm", e);
      } catch (TimeoutException e) {
        throw new IOException("dead letter not confirmed", e);
      }
      channel.basicAck(envelope.getDeliveryTag(), false);
    }
  }

  static boolean isPermanent(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof MalformedEventException || t instanceof RejectedEventException) {
        return true;
      }
    }
    return false;
  }

  static String reason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof MalformedEventException || t instanceof RejectedEventException) {
        return t.getMessage();
      }
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root.getClass().getSimpleName() + ": " + root.getMessage();
    return text.length() > 500 ? text.substring(0, 500) : text;
  }
}
