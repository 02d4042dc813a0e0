package io.kilowatch.platform.messaging;

import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.rabbitmq.connect.ChannelPool;
import io.micronaut.scheduling.annotation.Scheduled;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges {@code kilowatch.queue.depth{queue}}: the number of ready messages in each of this
 * instance's durable queues (one per {@link EventSubscription}, plus the dead-letter queue), as the
 * broker reports it to a passive {@code queue.declare}.
 *
 * <p>The broker is asked on a schedule ({@code kilowatch.messaging.queue-depth-poll}, 15 s), not on
 * scrape, so a scrape never waits for the broker. A queue the broker does not know (not declared
 * yet, or deleted) reads {@code NaN} until it is there again. Messages delivered to a consumer and
 * not yet acknowledged are not counted (that is what a passive declare answers). Thread-safe.
 */
// @Context: the gauges exist from start-up, not only once the scheduler first asks for the bean
@Context
public class QueueDepthGauges {
  public static final String METER = "kilowatch.queue.depth";

  private static final Logger LOG = LoggerFactory.getLogger(QueueDepthGauges.class);
  private static final long UNKNOWN = -1;

  private final ChannelPool channels;
  private final Map<String, AtomicLong> depths;

  QueueDepthGauges(
      ChannelPool channels,
      MessagingSettings settings,
      List<EventSubscription> subscriptions,
      MeterRegistry metrics) {
    this.channels = channels;
    Map<String, AtomicLong> queues = new LinkedHashMap<>();
    for (EventSubscription subscription : subscriptions) {
      queues.put(settings.queueName(subscription.name()), new AtomicLong(UNKNOWN));
    }
    queues.put(settings.deadLetterQueue(), new AtomicLong(UNKNOWN));
    this.depths = Collections.unmodifiableMap(queues);
    depths.forEach(
        (queue, depth) ->
            Gauge.builder(METER, depth, QueueDepthGauges::value)
                .description("Messages ready in the queue (NaN while the broker does not know it)")
                .tag("queue", queue)
                .register(metrics));
  }

  /** The queues measured, by full name (namespace included). */
  public List<String> queues() {
    return List.copyOf(depths.keySet());
  }

  /** Asks the broker for every queue's depth now; the scheduler calls this. */
  @Scheduled(fixedDelay = "${kilowatch.messaging.queue-depth-poll:15s}")
  public void refresh() {
    Channel channel = null;
    try {
      for (Map.Entry<String, AtomicLong> queue : depths.entrySet()) {
        if (channel == null || !channel.isOpen()) {
          channel = borrow(channel);
        }
        try {
          queue.getValue().set(channel.queueDeclarePassive(queue.getKey()).getMessageCount());
        } catch (IOException | RuntimeException e) {
          // a passive declare of an unknown queue closes the channel (404): the next one gets a
          // fresh channel
          queue.getValue().set(UNKNOWN);
          LOG.debug("depth of queue {} unknown: {}", queue.getKey(), e.toString());
        }
      }
    } catch (IOException | RuntimeException e) {
      depths.values().forEach(d -> d.set(UNKNOWN));
      LOG.warn("could not read queue depths: {}", e.toString());
    } finally {
      if (channel != null) {
        giveBack(channel);
      }
    }
  }

  private Channel borrow(Channel previous) throws IOException {
    if (previous != null) {
      giveBack(previous);
    }
    return channels.getChannel();
  }

  private void giveBack(Channel channel) {
    try {
      channels.returnChannel(channel); // closed channels are dropped by the pool
    } catch (RuntimeException e) {
      LOG.debug("returning channel: {}", e.toString());
      closeQuietly(channel);
    }
  }

  private static void closeQuietly(Channel channel) {
    try {
      if (channel.isOpen()) {
        channel.close();
      }
    } catch (IOException | TimeoutException | RuntimeException e) {
      LOG.debug("closing channel: {}", e.toString());
    }
  }

  private static double value(AtomicLong depth) {
    long d = depth.get();
    return d < 0 ? Double.NaN : d;
  }
}
