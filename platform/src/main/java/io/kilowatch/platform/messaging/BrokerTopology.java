package io.kilowatch.platform.messaging;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declares Kilowatch's exchanges and queues: the durable topic exchange for events, the dead-letter
 * exchange with its queue, and one durable queue per {@link EventSubscription}.
 *
 * <p>On RabbitMQ the queues are quorum queues (replicated, poison-message safe). Other AMQP 0-9-1
 * brokers (the embedded Qpid Broker-J) get classic durable queues, because they reject the {@code
 * x-queue-type} argument. Dead-lettering never relies on broker arguments: consumers publish to the
 * dead-letter exchange themselves (see {@code EventConsumers}). Thread-safe.
 */
@Singleton
public class BrokerTopology {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerTopology.class);

  private final ChannelPool channels;
  private final MessagingSettings settings;
  private final List<String> declaredQueues = new ArrayList<>();
  private boolean exchangesDeclared;
  private Boolean rabbitMq;

  BrokerTopology(ChannelPool channels, MessagingSettings settings) {
    this.channels = channels;
    this.settings = settings;
  }

  /** Declares the exchanges and the dead-letter queue once per instance. */
  public synchronized void ensureDeclared() throws IOException {
    if (exchangesDeclared) {
      return;
    }
    withChannel(
        ch -> {
          ch.exchangeDeclare(settings.eventsExchange(), BuiltinExchangeType.TOPIC, true);
          ch.exchangeDeclare(settings.deadLetterExchange(), BuiltinExchangeType.TOPIC, true);
          declareQueue(ch, settings.deadLetterQueue());
          ch.queueBind(settings.deadLetterQueue(), settings.deadLetterExchange(), "#");
        });
    exchangesDeclared = true;
  }

  /** Declares the subscription's queue and binds it; returns the full queue name. */
  public synchronized String declare(EventSubscription subscription) throws IOException {
    ensureDeclared();
    String queue = settings.queueName(subscription.name());
    withChannel(
        ch -> {
          declareQueue(ch, queue);
          for (String key : subscription.bindingKeys()) {
            ch.queueBind(queue, settings.eventsExchange(), key);
          }
        });
    return queue;
  }

  /** True when the broker is RabbitMQ (quorum queues available). */
  public synchronized boolean isRabbitMq() throws IOException {
    if (rabbitMq == null) {
      withChannel(this::isRabbitMqUsing);
    }
    return rabbitMq;
  }

  private void declareQueue(Channel ch, String queue) throws IOException {
    Map<String, Object> args = new HashMap<>();
    if (isRabbitMqUsing(ch)) {
      args.put("x-queue-type", "quorum");
    }
    ch.queueDeclare(queue, true, false, false, args);
    declaredQueues.add(queue);
    LOG.info("queue {} declared ({})", queue, args.isEmpty() ? "classic" : "quorum");
  }

  private boolean isRabbitMqUsing(Channel ch) {
    // the broker names itself in the connection's server properties
    if (rabbitMq == null) {
      Object product = ch.getConnection().getServerProperties().get("product");
      rabbitMq = product != null && product.toString().contains("RabbitMQ");
    }
    return rabbitMq;
  }

  private void withChannel(ChannelWork work) throws IOException {
    Channel ch = channels.getChannel();
    try {
      work.run(ch);
    } finally {
      channels.returnChannel(ch);
    }
  }

  /** Test namespaces remove what they declared, so a shared broker keeps no leftovers. */
  @PreDestroy
  synchronized void deleteIfAsked() {
    if (!settings.isDeleteOnShutdown()) {
      return;
    }
    try {
      withChannel(
          ch -> {
            for (String queue : declaredQueues) {
              ch.queueDelete(queue);
            }
            if (exchangesDeclared) {
              ch.exchangeDelete(settings.eventsExchange());
              ch.exchangeDelete(settings.deadLetterExchange());
            }
          });
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not delete namespace {}: {}", settings.getNamespace(), e.toString());
    }
  }

  @FunctionalInterface
  private interface ChannelWork {
    void run(Channel channel) throws IOException;
  }
}
