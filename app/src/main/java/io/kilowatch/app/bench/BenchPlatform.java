package io.kilowatch.app.bench;

import io.kilowatch.app.Kilowatch;
import io.kilowatch.app.bench.BenchSettings.Tuning;
import io.kilowatch.events.EventCodec;
import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.platform.messaging.EventPublisher;
import io.kilowatch.sandbox.ProviderSandbox;
import io.kilowatch.sandbox.SandboxSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One start of the whole platform ({@link Kilowatch#start}) on the benchmark's database and broker
 * namespace, with its own provider sandbox, tuned as a {@link Tuning} says. The namespace's queues
 * and exchanges are deleted when it closes.
 */
final class BenchPlatform implements AutoCloseable {
  static final String FROM = "+15005550006";

  private final ProviderSandbox sandbox;
  private final Kilowatch kilowatch;
  private final EventPublisher publisher;
  private final MeterRegistry metrics;
  private final String namespace;

  private BenchPlatform(ProviderSandbox sandbox, Kilowatch kilowatch, String namespace) {
    this.sandbox = sandbox;
    this.kilowatch = kilowatch;
    this.namespace = namespace;
    this.publisher = kilowatch.context().getBean(EventPublisher.class);
    this.metrics = kilowatch.context().getBean(MeterRegistry.class);
  }

  /**
   * Starts the sandbox and the platform. Properties the launcher does not take from its environment
   * map (namespace, consumers, executor, pool) are set as system properties, which Micronaut reads
   * at context start.
   */
  static BenchPlatform start(
      String amqpUri,
      String jdbcUrl,
      String namespace,
      Tuning tuning,
      int maxRecordedRequests,
      java.util.Set<String> experiments) {
    ProviderSandbox sandbox =
        ProviderSandbox.start(
            SandboxSettings.builder()
                .workerThreads(tuning.sandboxWorkers())
                .maxRecordedRequests(maxRecordedRequests)
                .build());
    try {
      System.setProperty("kilowatch.messaging.namespace", namespace);
      System.setProperty("kilowatch.messaging.delete-on-shutdown", "true");
      System.setProperty("kilowatch.delivery.consumers", Integer.toString(tuning.consumers()));
      System.setProperty("micronaut.executors.consumer.type", "fixed");
      System.setProperty(
          "micronaut.executors.consumer.number-of-threads",
          Integer.toString(tuning.consumerThreads()));
      System.setProperty(
          "datasources.default.maximum-pool-size", Integer.toString(tuning.poolSize()));
      Map<String, String> env = new HashMap<>();
      env.put("KILOWATCH_JDBC_URL", jdbcUrl);
      env.put("KILOWATCH_AMQP_URI", amqpUri);
      env.put("KILOWATCH_HAZELCAST_CLUSTER", namespace);
      env.put("KILOWATCH_TWILIO_ACCOUNT_SID", SandboxSettings.DEFAULT_TWILIO_ACCOUNT_SID);
      env.put("KILOWATCH_TWILIO_AUTH_TOKEN", SandboxSettings.DEFAULT_TWILIO_AUTH_TOKEN);
      env.put("KILOWATCH_TWILIO_FROM", FROM);
      env.put("KILOWATCH_TWILIO_BASE_URL", sandbox.baseUrl().toString());
      env.put("KILOWATCH_PORT", Integer.toString(freePort()));
      env.put("KILOWATCH_MANAGEMENT_PORT", Integer.toString(freePort()));
      byte[] secret = new byte[48];
      new SecureRandom().nextBytes(secret);
      env.put("KILOWATCH_JWT_SECRET", Base64.getEncoder().encodeToString(secret));
      Kilowatch kilowatch = Kilowatch.start(env, false);
      applyExperiments(kilowatch, experiments);
      return new BenchPlatform(sandbox, kilowatch, namespace);
    } catch (RuntimeException e) {
      sandbox.close();
      throw e;
    }
  }

  String namespace() {
    return namespace;
  }

  ProviderSandbox sandbox() {
    return sandbox;
  }

  /** Deliveries settled so far (any status), from the route's own counter. */
  long settled() {
    double sum = 0;
    for (Counter c : metrics.find("kilowatch.deliveries").counters()) {
      sum += c.count();
    }
    return (long) sum;
  }

  /** Deliveries settled as sent so far. */
  long sent() {
    double sum = 0;
    for (Counter c : metrics.find("kilowatch.deliveries").tag("status", "sent").counters()) {
      sum += c.count();
    }
    return (long) sum;
  }

  void publish(List<EventPublisher.Message> batch) throws IOException {
    publisher.publish(batch);
  }

  /**
   * A {@code NotificationRequested} for customer {@code customerId} (unique notification id and
   * idempotency key), encoded as the platform publishes it.
   */
  static EventPublisher.Message event(String runId, String customerId, long index, Instant at) {
    String notificationId = runId + "-n" + index;
    var envelope =
        EventEnvelope.of(
            EventTypes.NOTIFICATION_REQUESTED,
            "/kilowatch/bench",
            at,
            "customer/" + customerId,
            new NotificationRequested(
                notificationId,
                customerId,
                NotificationCategory.USAGE,
                NotificationPriority.NORMAL,
                "usage.daily-threshold-crossed",
                "bench:" + runId + ":" + customerId + ":2026-11-21",
                Map.of(
                    "day",
                    "2026-11-21",
                    "thresholdKwh",
                    "10",
                    "usageKwh",
                    "11.4",
                    "meterId",
                    "MTR-" + index),
                at));
    return new EventPublisher.Message(envelope.type(), envelope.id(), EventCodec.encode(envelope));
  }

  /**
   * What-if switches that change the running platform from the outside, to measure what a code
   * change in a module would gain before making it (BENCH_EXPERIMENTS, see bench/README.md):
   *
   * <ul>
   *   <li>{@code no-statement-timeout}: MyBatis without the platform's default statement timeout,
   *       so pgjdbc schedules no timer task per statement (a shared, synchronized java.util.Timer);
   *   <li>{@code no-info-logs}: Kilowatch's per-notification INFO log line off.
   * </ul>
   */
  private static void applyExperiments(Kilowatch kilowatch, java.util.Set<String> experiments) {
    for (String experiment : experiments) {
      switch (experiment) {
        case "no-statement-timeout" ->
            kilowatch
                .context()
                .getBean(org.apache.ibatis.session.SqlSessionManager.class)
                .getConfiguration()
                .setDefaultStatementTimeout(null);
        case "no-info-logs" ->
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.kilowatch"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        default -> throw new IllegalArgumentException("unknown experiment " + experiment);
      }
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  @Override
  public void close() {
    try {
      kilowatch.close();
    } finally {
      sandbox.close();
    }
  }
}
