package io.kilowatch.platform.messaging;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves events from the outbox to the broker: claims a batch ({@code FOR UPDATE SKIP LOCKED}, so
 * several instances share the work), publishes it with confirms, deletes it, commits. A crash
 * between confirm and commit publishes the batch again; consumers are idempotent by event id.
 *
 * <p>Wakes on PostgreSQL {@code NOTIFY} from {@link Outbox#append} (sent at commit), and polls as a
 * fallback.
 */
@Singleton
public class OutboxRelay implements ApplicationEventListener<StartupEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

  private final OutboxMapper mapper;
  private final TransactionOperations<Connection> transactions;
  private final EventPublisher publisher;
  private final MessagingSettings settings;
  private final DataSource rawDataSource;
  private final AtomicLong published = new AtomicLong();
  private volatile boolean running;
  private Thread thread;
  private Connection listenConnection;

  OutboxRelay(
      OutboxMapper mapper,
      TransactionOperations<Connection> transactions,
      EventPublisher publisher,
      MessagingSettings settings,
      DataSource dataSource,
      DataSourceResolver resolver) {
    this.mapper = mapper;
    this.transactions = transactions;
    this.publisher = publisher;
    this.settings = settings;
    this.rawDataSource = resolver.resolve(dataSource);
  }

  @Override
  public synchronized void onApplicationEvent(StartupEvent event) {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::loop, "outbox-relay");
    thread.setDaemon(true);
    thread.start();
  }

  /** Events published since start; for tests and metrics. */
  public long publishedCount() {
    return published.get();
  }

  /** Publishes one batch now; returns how many events went out. */
  public int relayOnce() {
    return transactions.executeWrite(
        status -> {
          List<OutboxRow> batch = mapper.claim(settings.getOutboxBatchSize());
          if (batch.isEmpty()) {
            return 0;
          }
          publisher.publish(
              batch.stream()
                  .map(
                      r ->
                          new EventPublisher.Message(
                              r.getRoutingKey(), r.getEventId(), r.getPayload()))
                  .toList());
          mapper.delete(batch.stream().map(OutboxRow::getId).toList());
          published.addAndGet(batch.size());
          return batch.size();
        });
  }

  private void loop() {
    long backoffMs = 100;
    while (running) {
      try {
        int n = relayOnce();
        backoffMs = 100;
        if (n < settings.getOutboxBatchSize()) {
          awaitNotification();
        }
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warn("outbox relay failed, retrying in {} ms: {}", backoffMs, e.toString());
        closeListenConnection();
        pause(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 10_000);
      }
    }
  }

  private void awaitNotification() {
    try {
      if (listenConnection == null || listenConnection.isClosed()) {
        listenConnection = rawDataSource.getConnection();
        listenConnection.setAutoCommit(true);
        try (Statement st = listenConnection.createStatement()) {
          st.execute("LISTEN kilowatch_outbox");
        }
      }
      listenConnection
          .unwrap(PGConnection.class)
          .getNotifications((int) settings.getOutboxPollInterval().toMillis());
    } catch (SQLException e) {
      if (running) {
        LOG.debug("outbox listen connection lost: {}", e.toString());
      }
      closeListenConnection();
      pause(settings.getOutboxPollInterval().toMillis());
    }
  }

  private void pause(long millis) {
    // Back-off of a background loop, not a wait for asynchronous work.
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void closeListenConnection() {
    if (listenConnection != null) {
      try {
        listenConnection.close();
      } catch (SQLException ignored) {
        // closing a broken connection
      }
      listenConnection = null;
    }
  }

  @PreDestroy
  synchronized void stop() throws InterruptedException {
    running = false;
    if (thread != null) {
      thread.interrupt();
      thread.join(5_000);
    }
    closeListenConnection();
  }
}
