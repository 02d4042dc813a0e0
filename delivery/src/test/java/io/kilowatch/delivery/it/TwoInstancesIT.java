package io.kilowatch.delivery.it;

import static io.kilowatch.delivery.it.DeliveryInstance.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.sandbox.ProviderSandbox;
import io.kilowatch.sandbox.RecordedRequest;
import io.kilowatch.sandbox.SandboxSettings;
import io.kilowatch.testing.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two application instances share one PostgreSQL database, one broker namespace and one Hazelcast
 * cluster (two members joined over TCP/IP). A burst of notifications, every event published twice
 * and a third of them republished under a new event id, with one instance stopped in the middle of
 * the burst: every notification reaches the provider exactly once.
 */
class TwoInstancesIT {
  static final int BURST = 300;

  static ProviderSandbox sandbox;
  static DeliveryInstance first;
  static DeliveryInstance second;

  @BeforeAll
  static void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.defaults());
    Map<String, Object> shared = new HashMap<>(TestInfrastructure.properties());
    DeliveryInstance.twilio(shared, sandbox);
    int portA = DeliveryInstance.freePort();
    int portB = DeliveryInstance.freePort();
    shared.put("kilowatch.hazelcast.port-auto-increment", "false");
    shared.put("kilowatch.hazelcast.members", "127.0.0.1:" + portA + ",127.0.0.1:" + portB);
    shared.put("kilowatch.delivery.consumers", "4");

    Map<String, Object> a = new HashMap<>(shared);
    a.put("kilowatch.hazelcast.port", portA);
    // stopped mid-burst: it must not delete the queues the other instance still consumes
    a.put("kilowatch.messaging.delete-on-shutdown", "false");
    Map<String, Object> b = new HashMap<>(shared);
    b.put("kilowatch.hazelcast.port", portB);
    first = DeliveryInstance.start(a);
    second = DeliveryInstance.start(b);
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.close();
    }
    if (first != null && first.context().isRunning()) {
      first.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void burstWithRedeliveriesAndAnInstanceStoppedMidwaySendsEachNotificationOnce() {
    assertThat(first.context().getBean(HazelcastInstance.class).getCluster().getMembers())
        .as("one Hazelcast cluster of two members")
        .hasSize(2);

    List<String> phones = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      String phone = String.format("+4477009%05d", i);
      phones.add(phone);
      (i % 2 == 0 ? first : second).addContact("C-burst-" + i, "sms", phone);
    }
    List<EventEnvelope<NotificationRequested>> events =
        IntStream.range(0, BURST)
            .mapToObj(i -> request(UUID.randomUUID().toString(), "C-burst-" + i, "burst:" + i))
            .toList();
    // slow the provider a little, so that the burst is still running when the first one stops
    sandbox.twilio().latency(Duration.ofMillis(30));

    List<EventEnvelope<?>> burst = new ArrayList<>(events);
    burst.addAll(events); // every event twice: redelivered copies
    events.stream()
        .limit(BURST / 3)
        .map(
            e ->
                request(
                    e.data().notificationId(), e.data().customerId(), e.data().idempotencyKey()))
        .forEach(burst::add); // the same notification under a new event id
    first.publish(burst.toArray(EventEnvelope[]::new));

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> accepted().size() >= BURST / 5);
    int beforeStop = accepted().size();
    first.close();
    assertThat(beforeStop).as("stopped mid-burst").isLessThan(BURST);

    await().atMost(Duration.ofSeconds(120)).until(() -> accepted().size() >= BURST);
    // let stragglers (a late duplicate would show up here) settle: every notification has a record
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                events.stream()
                    .allMatch(e -> second.status(e.data().notificationId()).equals("sent")));

    Map<String, Long> perPhone =
        accepted().stream()
            .collect(Collectors.groupingBy(r -> r.formParam("To"), Collectors.counting()));
    assertThat(perPhone.keySet()).containsExactlyInAnyOrderElementsOf(phones);
    assertThat(perPhone.values()).allMatch(count -> count == 1L);
    assertThat(accepted()).hasSize(BURST);
    Map<String, Long> byStatus =
        sandbox.requests("twilio").stream()
            .collect(
                Collectors.groupingBy(
                    r -> String.valueOf(r.responseStatus()), Collectors.counting()));
    assertThat(byStatus).as("no call failed and none was repeated").containsOnlyKeys("201");
    assertThat(second.context().getBean(HazelcastInstance.class).getCluster().getMembers().size())
        .isEqualTo(1);
  }

  private static List<RecordedRequest> accepted() {
    return sandbox.requests("twilio").stream().filter(r -> r.responseStatus() == 201).toList();
  }
}
