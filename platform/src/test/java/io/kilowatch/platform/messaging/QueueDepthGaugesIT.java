package io.kilowatch.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowatch.events.EventCodec;
import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.billing.MeterAssigned;
import io.kilowatch.testing.TestInfrastructure;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kilowatch.queue.depth{queue}} follows the broker: a subscription's queue and the
 * dead-letter queue, filled while nobody consumes, then drained.
 */
class QueueDepthGaugesIT {
  static ApplicationContext context;
  static MessagingSettings settings;
  static MeterRegistry metrics;

  @BeforeAll
  static void start() {
    Map<String, Object> props = new HashMap<>(TestInfrastructure.properties());
    props.put("spec.name", "QueueDepthGaugesIT");
    // the queues are declared at start-up, but nobody consumes: what is published stays there
    props.put("kilowatch.messaging.start-consumers", "false");
    props.put("kilowatch.messaging.queue-depth-poll", "100ms");
    context = ApplicationContext.run(props);
    settings = context.getBean(MessagingSettings.class);
    metrics = context.getBean(MeterRegistry.class);
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
    }
  }

  @Test
  void gaugesReportReadyMessagesPerQueueIncludingDeadLetters() throws Exception {
    String probe = settings.queueName("depth.probe");
    String deadLetters = settings.deadLetterQueue();
    assertThat(context.getBean(QueueDepthGauges.class).queues()).contains(probe, deadLetters);
    await().atMost(Duration.ofSeconds(10)).until(() -> depth(probe) == 0.0);
    assertThat(depth(deadLetters)).isZero();

    List<EventPublisher.Message> events =
        IntStream.range(0, 7)
            .mapToObj(i -> meterAssigned("C-depth-" + i))
            .map(e -> new EventPublisher.Message(e.type(), e.id(), EventCodec.encode(e)))
            .toList();
    context.getBean(EventPublisher.class).publish(events);
    publishDeadLetters(3);

    await().atMost(Duration.ofSeconds(10)).until(() -> depth(probe) == 7.0);
    await().atMost(Duration.ofSeconds(10)).until(() -> depth(deadLetters) == 3.0);

    ChannelPool channels = context.getBean(ChannelPool.class);
    var ch = channels.getChannel();
    try {
      ch.queuePurge(probe);
    } finally {
      channels.returnChannel(ch);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> depth(probe) == 0.0);
    assertThat(depth(deadLetters)).isEqualTo(3.0);
  }

  @Test
  void aQueueTheBrokerDoesNotKnowReadsNaNAndTheOthersStillReport() throws Exception {
    String gone = settings.queueName("depth.deleted");
    ChannelPool channels = context.getBean(ChannelPool.class);
    var ch = channels.getChannel();
    try {
      ch.queueDelete(gone);
    } finally {
      channels.returnChannel(ch);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> Double.isNaN(depth(gone)));
    // the queue after it in the poll still gets a number
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !Double.isNaN(depth(settings.deadLetterQueue())));
  }

  private static double depth(String queue) {
    Gauge gauge = metrics.find(QueueDepthGauges.METER).tag("queue", queue).gauge();
    assertThat(gauge).as("gauge for " + queue).isNotNull();
    return gauge.value();
  }

  private static void publishDeadLetters(int count) throws Exception {
    ChannelPool channels = context.getBean(ChannelPool.class);
    var ch = channels.getChannel();
    try {
      ch.confirmSelect();
      for (int i = 0; i < count; i++) {
        ch.basicPublish(
            settings.deadLetterExchange(),
            EventTypes.METER_ASSIGNED.name(),
            null,
            ("dead " + i).getBytes(StandardCharsets.UTF_8));
      }
      ch.waitForConfirmsOrDie(10_000);
    } finally {
      ch.close();
      channels.returnChannel(ch);
    }
  }

  static EventEnvelope<MeterAssigned> meterAssigned(String customerId) {
    return EventEnvelope.of(
        EventTypes.METER_ASSIGNED,
        "/test",
        Instant.now(),
        null,
        new MeterAssigned(
            customerId, "MTR-" + customerId, "GB-LON", "Europe/London", Instant.now()));
  }

  @Factory
  @Requires(property = "spec.name", value = "QueueDepthGaugesIT")
  static class Subscriptions {
    @Singleton
    EventSubscription probe() {
      return EventSubscription.of("depth.probe", EventTypes.METER_ASSIGNED.name(), event -> {});
    }

    @Singleton
    EventSubscription deleted() {
      return EventSubscription.of("depth.deleted", "nothing.v1", event -> {});
    }
  }
}
