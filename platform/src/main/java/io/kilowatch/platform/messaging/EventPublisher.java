package io.kilowatch.platform.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Publishes already-encoded events to the events exchange and waits for the broker's confirms.
 * Returns only when the broker has taken responsibility for every message (persistent, durable
 * exchange). Callers other than the outbox relay are tests, benchmarks and replays: modules publish
 * through {@link Outbox}.
 *
 * <p>Thread-safe: publishes are serialised on one confirm-mode channel.
 */
@Singleton
public class EventPublisher {
  private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(30);

  private final ChannelPool channels;
  private final MessagingSettings settings;
  private final BrokerTopology topology;
  private Channel channel;

  EventPublisher(ChannelPool channels, MessagingSettings settings, BrokerTopology topology) {
    this.channels = channels;
    this.settings = settings;
    this.topology = topology;
  }

  /** One message to publish: routing key (the event type), id and body. */
  public record Message(String routingKey, String messageId, byte[] body) {}

  public synchronized void publish(List<Message> messages) throws IOException {
    if (messages.isEmpty()) {
      return;
    }
    Channel ch = channel();
    try {
      for (Message m : messages) {
        ch.basicPublish(
            settings.eventsExchange(), m.routingKey(), false, properties(m, Map.of()), m.body());
      }
      ch.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
    } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
      discardChannel();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw e instanceof IOException io ? io : new IOException("publish not confirmed", e);
    }
  }

  static AMQP.BasicProperties properties(Message m, Map<String, Object> headers) {
    return new AMQP.BasicProperties.Builder()
        .contentType("application/cloudevents+json")
        .deliveryMode(2)
        .messageId(m.messageId())
        .type(m.routingKey())
        .timestamp(new Date())
        .headers(headers.isEmpty() ? null : headers)
        .build();
  }

  private Channel channel() throws IOException {
    if (channel == null || !channel.isOpen()) {
      topology.ensureDeclared();
      channel = channels.getChannel();
      channel.confirmSelect();
    }
    return channel;
  }

  private void discardChannel() {
    if (channel != null) {
      try {
        channel.abort();
      } catch (IOException | RuntimeException ignored) {
        // already broken; a fresh channel is taken on the next publish
      }
      channel = null;
    }
  }

  @PreDestroy
  synchronized void close() {
    if (channel != null && channel.isOpen()) {
      channels.returnChannel(channel);
    }
    channel = null;
  }
}
