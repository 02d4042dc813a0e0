package io.kilowatch.delivery.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowatch.delivery.application.NotificationStore;
import io.kilowatch.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The group-committed dispatch claim (ADR 0014) on real PostgreSQL: under concurrency exactly one
 * claimant per (idempotency key, channel) wins, the winner is the one recorded, and a failing claim
 * fails alone.
 */
class DispatchClaimsIT {
  private static ApplicationContext context;
  private static NotificationStore store;

  @BeforeAll
  static void start() {
    Map<String, Object> props = new HashMap<>(TestInfrastructure.properties());
    props.put("kilowatch.messaging.start-consumers", "false");
    context = ApplicationContext.run(props);
    store = context.getBean(NotificationStore.class);
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
    }
  }

  @Test
  void concurrentClaimantsOfOnePairHaveExactlyOneWinnerWhichIsRecorded() throws Exception {
    int pairs = 40;
    int claimantsPerPair = 8;
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    Map<String, List<String>> winners = new ConcurrentHashMap<>();
    List<Future<?>> futures = new ArrayList<>();
    Instant now = Instant.parse("2026-11-21T10:00:00Z");
    try {
      for (int c = 0; c < claimantsPerPair; c++) {
        for (int p = 0; p < pairs; p++) {
          String key = "claims-it:" + p;
          String notificationId = "n-" + p + "-" + c;
          futures.add(
              pool.submit(
                  () -> {
                    go.await();
                    if (store.claimDispatch(key, "sms", notificationId, now)) {
                      winners
                          .computeIfAbsent(
                              key, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                          .add(notificationId);
                    }
                    return null;
                  }));
        }
      }
      go.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(winners).hasSize(pairs);
    Map<String, String> recorded = dispatchRows();
    for (var e : winners.entrySet()) {
      assertThat(e.getValue()).as(e.getKey()).hasSize(1);
      assertThat(recorded).containsEntry(e.getKey(), e.getValue().get(0));
    }
  }

  @Test
  void aRedeliveredNotificationFindsItsOwnClaimTakenAndAnotherChannelIsFree() {
    Instant now = Instant.parse("2026-11-21T10:00:00Z");
    assertThat(store.claimDispatch("claims-it:again", "sms", "n-again", now)).isTrue();
    assertThat(store.claimDispatch("claims-it:again", "sms", "n-again", now)).isFalse();
    assertThat(store.claimDispatch("claims-it:again", "email", "n-again", now)).isTrue();
  }

  @Test
  void aClaimThatCannotBeStoredFailsAloneAndTheNextOneWorks() {
    Instant now = Instant.parse("2026-11-21T10:00:00Z");
    assertThatThrownBy(() -> store.claimDispatch(null, "sms", "n-bad", now))
        .isInstanceOf(RuntimeException.class);
    assertThat(store.claimDispatch("claims-it:after-bad", "sms", "n-good", now)).isTrue();
  }

  private static Map<String, String> dispatchRows() throws Exception {
    Map<String, String> rows = new HashMap<>();
    String url = context.getRequiredProperty("datasources.default.url", String.class);
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT idempotency_key, notification_id FROM delivery.dispatch"
                    + " WHERE idempotency_key LIKE 'claims-it:%' AND channel = 'sms'")) {
      while (rs.next()) {
        rows.put(rs.getString(1), rs.getString(2));
      }
    }
    return rows;
  }
}
