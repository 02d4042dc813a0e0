package io.kilowatch.platform.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Sends a message straight to the dead-letter exchange, for work that failed after its event was
 * consumed successfully (a notification no provider accepted). Confirmed by the broker.
 */
@Singleton
public class DeadLetterPublisher {
  private final ChannelPool channels;
  private final BrokerTopology topology;
  private final MessagingSettings settings;

  DeadLetterPublisher(ChannelPool channels, BrokerTopology topology, MessagingSettings settings) {
    this.channels = channels;
    this.topology = topology;
    this.settings = settings;
  }

  public void publish(String routingKey, String messageId, byte[] body, String queue, String reason)
      throws IOException {
    topology.ensureDeclared();
    Channel channel = channels.getChannel();
    try {
      channel.confirmSelect();
      AMQP.BasicProperties props =
          new AMQP.BasicProperties.Builder()
              .contentType("application/cloudevents+json")
              .deliveryMode(2)
              .messageId(messageId)
              .type(routingKey)
              .headers(
                  Map.of(
                      EventConsumers.HEADER_REASON, reason,
                      EventConsumers.HEADER_QUEUE, queue,
                      EventConsumers.HEADER_ROUTING_KEY, routingKey,
                      EventConsumers.HEADER_FAILED_AT, Instant.now().toString(),
                      EventConsumers.HEADER_ATTEMPTS, 1))
              .build();
      channel.basicPublish(settings.deadLetterExchange(), routingKey, false, props, body);
      channel.waitForConfirmsOrDie(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for confirm", e);
    } catch (TimeoutException e) {
      throw new IOException("dead letter not confirmed", e);
    } finally {
      channels.returnChannel(channel);
    }
  }
}
