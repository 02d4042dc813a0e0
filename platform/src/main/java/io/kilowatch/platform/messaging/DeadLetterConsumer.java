package io.kilowatch.platform.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.rabbitmq.connect.ChannelPool;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves messages from the dead-letter queue into the {@link DeadLetterSink}s. A message the sink
 * cannot store is left unacknowledged (requeued) and logged; the queue keeps it.
 */
@Singleton
@Requires(beans = DeadLetterSink.class)
public class DeadLetterConsumer implements ApplicationEventListener<StartupEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterConsumer.class);

  private final List<DeadLetterSink> sinks;
  private final ChannelPool channels;
  private final BrokerTopology topology;
  private final MessagingSettings settings;
  private final TransactionOperations<Connection> transactions;
  private Channel channel;

  DeadLetterConsumer(
      List<DeadLetterSink> sinks,
      ChannelPool channels,
      BrokerTopology topology,
      MessagingSettings settings,
      TransactionOperations<Connection> transactions) {
    this.sinks = sinks;
    this.channels = channels;
    this.topology = topology;
    this.settings = settings;
    this.transactions = transactions;
  }

  @Override
  public synchronized void onApplicationEvent(StartupEvent event) {
    if (channel != null || !settings.isStartConsumers()) {
      return;
    }
    try {
      topology.ensureDeclared();
      channel = channels.getChannel();
      channel.basicQos(20);
      channel.basicConsume(settings.deadLetterQueue(), false, new Sink(channel));
    } catch (IOException e) {
      throw new IllegalStateException("could not consume the dead-letter queue", e);
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (channel != null) {
      try {
        if (channel.isOpen()) {
          channel.close();
        }
      } catch (IOException | TimeoutException | RuntimeException e) {
        LOG.debug("closing dead-letter channel: {}", e.toString());
      }
      channels.returnChannel(channel);
      channel = null;
    }
  }

  private final class Sink extends DefaultConsumer {
    Sink(Channel channel) {
      super(channel);
    }

    @Override
    public void handleDelivery(
        String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
        throws IOException {
      Map<String, String> headers = new HashMap<>();
      if (properties.getHeaders() != null) {
        properties.getHeaders().forEach((k, v) -> headers.put(k, String.valueOf(v)));
      }
      DeadLetter letter =
          new DeadLetter(
              properties.getMessageId(),
              headers.getOrDefault(EventConsumers.HEADER_ROUTING_KEY, envelope.getRoutingKey()),
              headers.get(EventConsumers.HEADER_QUEUE),
              headers.getOrDefault(EventConsumers.HEADER_REASON, "unknown"),
              parseInt(headers.get(EventConsumers.HEADER_ATTEMPTS)),
              parseInstant(headers.get(EventConsumers.HEADER_FAILED_AT)),
              body,
              headers);
      try {
        transactions.executeWrite(
            status -> {
              for (DeadLetterSink sink : sinks) {
                sink.store(letter);
              }
              return null;
            });
        getChannel().basicAck(envelope.getDeliveryTag(), false);
      } catch (RuntimeException e) {
        LOG.error(
            "dead letter {} not stored, left in the queue: {}", letter.messageId(), e.toString());
        getChannel().basicNack(envelope.getDeliveryTag(), false, true);
      }
    }
  }

  private static int parseInt(String value) {
    try {
      return value == null ? 0 : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Instant parseInstant(String value) {
    try {
      return value == null ? Instant.now() : Instant.parse(value);
    } catch (DateTimeParseException e) {
      return Instant.now();
    }
  }
}
