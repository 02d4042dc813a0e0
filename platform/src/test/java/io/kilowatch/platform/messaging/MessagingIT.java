package io.kilowatch.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import io.kilowatch.events.EventCodec;
import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.billing.MeterAssigned;
import io.kilowatch.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.rabbitmq.connect.ChannelPool;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Outbox → relay → broker → consumer, inbox idempotency and application dead-lettering. */
class MessagingIT {
  static final List<String> HANDLED = new CopyOnWriteArrayList<>();
  static ApplicationContext context;

  @BeforeAll
  static void start() {
    Map<String, Object> props = new HashMap<>(TestInfrastructure.properties());
    props.put("spec.name", "MessagingIT");
    context = ApplicationContext.run(props);
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void eventAppendedInCommittedTransactionReachesConsumerOnce() throws Exception {
    TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
    var outbox = context.getBean(Outbox.class);
    var event = meterAssigned("C-ok");
    tx.executeWrite(
        status -> {
          outbox.append(event);
          return null;
        });
    await().atMost(Duration.ofSeconds(20)).until(() -> HANDLED.contains("C-ok"));

    // the same event again (a redelivery or replay) is recognised by the inbox
    context
        .getBean(EventPublisher.class)
        .publish(
            List.of(
                new EventPublisher.Message(event.type(), event.id(), EventCodec.encode(event))));
    var marker = meterAssigned("C-marker");
    context
        .getBean(EventPublisher.class)
        .publish(
            List.of(
                new EventPublisher.Message(marker.type(), marker.id(), EventCodec.encode(marker))));
    await().atMost(Duration.ofSeconds(20)).until(() -> HANDLED.contains("C-marker"));
    assertThat(HANDLED.stream().filter("C-ok"::equals)).hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void appendAllPublishesEveryEventOfABatch() {
    TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
    var outbox = context.getBean(Outbox.class);
    List<EventEnvelope<MeterAssigned>> batch =
        java.util.stream.IntStream.range(0, 1203)
            .mapToObj(i -> meterAssigned("C-batch-" + i))
            .toList();
    tx.executeWrite(
        status -> {
          outbox.appendAll(batch);
          return null;
        });
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> HANDLED.stream().filter(c -> c.startsWith("C-batch-")).count() == 1203);
  }

  @Test
  @SuppressWarnings("unchecked")
  void rolledBackTransactionPublishesNothing() {
    TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
    var outbox = context.getBean(Outbox.class);
    try {
      tx.executeWrite(
          status -> {
            outbox.append(meterAssigned("C-rolled-back"));
            throw new IllegalStateException("business rule failed");
          });
    } catch (IllegalStateException expected) {
      // rolled back
    }
    var marker = meterAssigned("C-after-rollback");
    tx.executeWrite(
        status -> {
          outbox.append(marker);
          return null;
        });
    await().atMost(Duration.ofSeconds(20)).until(() -> HANDLED.contains("C-after-rollback"));
    assertThat(HANDLED).doesNotContain("C-rolled-back");
  }

  @Test
  void malformedAndRejectedEventsAreDeadLetteredWithReason() throws Exception {
    var publisher = context.getBean(EventPublisher.class);
    publisher.publish(
        List.of(
            new EventPublisher.Message(
                EventTypes.METER_ASSIGNED.name(),
                "bad-1",
                "{not json".getBytes(StandardCharsets.UTF_8))));
    var poison = meterAssigned("C-poison");
    publisher.publish(
        List.of(new EventPublisher.Message(poison.type(), poison.id(), EventCodec.encode(poison))));

    var settings = context.getBean(MessagingSettings.class);
    var channels = context.getBean(ChannelPool.class);
    List<Map<String, Object>> deadLetters = new CopyOnWriteArrayList<>();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              var ch = channels.getChannel();
              try {
                GetResponse r = ch.basicGet(settings.deadLetterQueue(), true);
                if (r != null) {
                  deadLetters.add(r.getProps().getHeaders());
                }
              } finally {
                channels.returnChannel(ch);
              }
              return deadLetters.size() >= 2;
            });
    assertThat(deadLetters)
        .extracting(h -> String.valueOf(h.get(EventConsumers.HEADER_REASON)))
        .anySatisfy(reason -> assertThat(reason).contains("not JSON"))
        .anySatisfy(reason -> assertThat(reason).contains("customer C-poison is poison"));
    assertThat(HANDLED).doesNotContain("C-poison");
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
  @Requires(property = "spec.name", value = "MessagingIT")
  static class Subscriptions {
    @Singleton
    EventSubscription testSubscription() {
      return EventSubscription.of(
          "test.meters",
          EventTypes.METER_ASSIGNED.name(),
          event -> {
            var assigned = event.bind(EventTypes.METER_ASSIGNED).data();
            if (assigned.customerId().equals("C-poison")) {
              throw new RejectedEventException("customer C-poison is poison");
            }
            HANDLED.add(assigned.customerId());
          });
    }
  }
}
