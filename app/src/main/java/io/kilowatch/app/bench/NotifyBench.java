package io.kilowatch.app.bench;

import io.kilowatch.app.bench.BenchSettings.Tuning;
import io.kilowatch.infra.embedded.EmbeddedAmqpBroker;
import io.kilowatch.infra.embedded.EmbeddedPostgresServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code bench/run notify}: the notification path's throughput and latency on this machine, next to
 * the broker's own capacity. Prints {@code key=value} lines (see bench/README.md).
 *
 * <ol>
 *   <li>Baseline: raw RabbitMQ publish + consume ({@link BrokerBaseline}).
 *   <li>Sweep: the platform started in-process ({@code Kilowatch.start}) once per tuning, each
 *       saturated for a short trial; the best tuning wins.
 *   <li>Sustained: the best tuning saturated for at least 60 s after a warm-up, profiled: completed
 *       deliveries (delivery record SENT) per second.
 *   <li>Latency: a fixed offered load (1000/s, or 90 % of the sustained rate if that is lower),
 *       publication to the provider sandbox receiving the call, matched by the unique {@code To}.
 * </ol>
 */
public final class NotifyBench {
  private static final int CAP_RATE_FOR_SIZING = 5000;

  private final BenchSettings settings;
  private final String runId;
  private final String customerPrefix;
  private long seededUpTo;
  private long cursor;
  private String amqpUri;

  private NotifyBench(BenchSettings settings, String runId) {
    this.settings = settings;
    this.runId = runId;
    this.customerPrefix = "C-" + runId + "-";
  }

  public static void main(String[] args) throws Exception {
    BenchSettings settings = BenchSettings.from(System.getenv());
    String runId =
        "kwb"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMddHHmmss"))
            + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    int code = 0;
    try {
      new NotifyBench(settings, runId).run();
    } catch (Exception | Error e) {
      Out.note("benchmark failed: %s", e);
      e.printStackTrace();
      Out.kv("error", e.toString().replace('\n', ' '));
      code = 1;
    }
    System.exit(code);
  }

  private void run() throws Exception {
    Out.kv("run_id", runId);
    Out.kv("machine_cores", Runtime.getRuntime().availableProcessors());
    Out.kv("loadavg_start", loadavg());
    Out.kv("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));

    List<AutoCloseable> embedded = new ArrayList<>();
    try {
      String amqp = settings.amqpUri();
      if (!amqpReachable(amqp)) {
        EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start(0);
        embedded.add(broker);
        amqp = broker.uri();
        Out.kv(
            "infra_broker", "embedded-qpid (RabbitMQ at " + settings.amqpUri() + " unreachable)");
      } else {
        Out.kv("infra_broker", "rabbitmq " + amqp.replaceAll("//[^@]*@", "//***@"));
      }
      String jdbcBase = settings.jdbcBase();
      String user = settings.jdbcUser();
      String password = settings.jdbcPassword();
      if (!BenchDatabase.reachable(jdbcBase, user, password)) {
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(null);
        embedded.add(pg);
        String url = pg.jdbcUrl();
        jdbcBase = url.substring(0, url.indexOf('/', "jdbc:postgresql://".length()) + 1);
        user = "postgres";
        password = "";
        Out.kv("infra_database", "embedded-postgresql (" + settings.jdbcBase() + " unreachable)");
      } else {
        Out.kv("infra_database", "postgresql " + jdbcBase);
      }
      runAll(amqp, new BenchDatabase(jdbcBase, user, password, runId));
    } finally {
      for (int i = embedded.size() - 1; i >= 0; i--) {
        embedded.get(i).close();
      }
      Out.kv("loadavg_end", loadavg());
    }
  }

  private void runAll(String amqp, BenchDatabase db) throws Exception {
    // 1. broker baseline
    Out.note("baseline: raw broker publish+consume for %ss", settings.baseline().toSeconds());
    BrokerBaseline.Result baseline =
        BrokerBaseline.run(
            amqp,
            settings.baselineWarmup(),
            settings.baseline(),
            settings.baselineConfirmBatch(),
            settings.baselineQueueType());
    Out.kv("baseline_queue", baseline.queue() + " (deleted)");
    Out.kv("baseline_queue_type", baseline.queueType());
    Out.kv("baseline_confirm_batch", settings.baselineConfirmBatch());
    Out.kv("baseline_publish_msgs_per_s", baseline.publishedPerSecond());
    Out.kv("baseline_broker_msgs_per_s", baseline.consumedPerSecond());
    Out.kv("baseline_cpu_cores_rabbitmq", baseline.cores().getOrDefault("rabbitmq", 0.0));
    Out.kv("baseline_cpu_cores_jvm", baseline.cores().getOrDefault("jvm", 0.0));
    Out.kv(
        "baseline_cpu_cores_other_processes",
        baseline.cores().getOrDefault("other_processes", 0.0));
    if (baseline.consumedPerSecond() > 0) {
      Out.kv(
          "baseline_cpu_ms_per_msg_rabbitmq",
          baseline.cores().getOrDefault("rabbitmq", 0.0) * 1000 / baseline.consumedPerSecond());
    }
    this.amqpUri = amqp;

    try (db) {
      db.create();
      Out.kv("database", db.name() + " (dropped at the end)");

      // 2. sweep
      Tuning best = null;
      double bestRate = -1;
      for (int i = 0; i < settings.sweep().size(); i++) {
        Tuning t = settings.sweep().get(i);
        Out.note("trial %d: %s", i + 1, t);
        double rate;
        try (BenchPlatform platform = start(amqp, db, "trial" + (i + 1), t)) {
          rate =
              saturate(
                      platform,
                      db,
                      t,
                      settings.trialWarmup().toMillis(),
                      settings.trial().toMillis(),
                      CAP_RATE_FOR_SIZING,
                      false)
                  .perSecond;
        }
        Out.kv("trial_" + (i + 1) + "_settings", t);
        Out.kv("trial_" + (i + 1) + "_notify_per_s", rate);
        Out.note("trial %d: %.0f notifications/s, load %s", i + 1, rate, loadavg());
        if (rate > bestRate) {
          bestRate = rate;
          best = t;
        }
      }

      // 3. sustained + 4. latency on the best tuning
      Out.kv("settings", best);
      Out.note(
          "sustained: %s for %ss after %ss warm-up",
          best, settings.sustained().toSeconds(), settings.sustainedWarmup().toSeconds());
      try (BenchPlatform platform = start(amqp, db, "final", best)) {
        Out.kv("preference_migrations", String.join(",", db.preferenceMigrations()));
        Window w =
            saturate(
                platform,
                db,
                best,
                settings.sustainedWarmup().toMillis(),
                settings.sustained().toMillis(),
                (int) Math.max(1000, bestRate * 1.6),
                settings.profile());
        Out.kv("notify_window_s", w.seconds);
        Out.kv("notify_completed", w.completed);
        Out.kv("notify_per_s", w.perSecond);
        Out.kv("notify_ratio", w.perSecond / baseline.consumedPerSecond());

        // 4. latency at a fixed offered load
        int offered = (int) Math.min(settings.latencyRate(), Math.floor(w.perSecond * 0.9));
        offered = Math.max(1, offered);
        Out.note("latency: %d/s offered for %ss", offered, settings.latency().toSeconds());
        long n =
            (long)
                    ((settings.latencyWarmup().toSeconds() + settings.latency().toSeconds())
                        * offered
                        * 1.2)
                + 1000;
        long first = reserve(db, n);
        LoadDriver.Latencies lat =
            LoadDriver.openLoop(
                platform,
                runId,
                customerPrefix,
                first,
                offered,
                settings.latencyWarmup().toMillis(),
                settings.latency().toMillis(),
                60_000);
        cursor = first + n;
        Out.kv("offered_per_s", lat.offeredPerSecond());
        Out.kv("latency_published_per_s", lat.achievedPublishPerSecond());
        Out.kv("latency_samples", lat.measured());
        Out.kv("latency_undelivered", lat.measured() - lat.delivered());
        Out.kv("latency_ms_p50", lat.p50());
        Out.kv("latency_ms_p95", lat.p95());
        Out.kv("latency_ms_p99", lat.p99());
        Out.kv("latency_ms_max", lat.max());
      }
      Out.kv("targets", "notify_per_s>=3000 notify_ratio>=0.3 latency_ms_p99<=250");
    }
  }

  private BenchPlatform start(String amqp, BenchDatabase db, String phase, Tuning tuning) {
    long t0 = System.nanoTime();
    BenchPlatform platform =
        BenchPlatform.start(amqp, db.url(), runId + "-" + phase, tuning, 120_000);
    Out.note(
        "platform up in %.1fs (namespace %s)",
        (System.nanoTime() - t0) / 1e9, platform.namespace());
    return platform;
  }

  /** Customers [first, first + n) seeded and not used before; returns first. */
  private long reserve(BenchDatabase db, long n) throws Exception {
    long first = cursor;
    if (first + n > seededUpTo) {
      long from = seededUpTo;
      long count = first + n - seededUpTo;
      long t0 = System.nanoTime();
      db.seedSmsContacts(customerPrefix, from, count);
      seededUpTo = first + n;
      Out.note("seeded %d customers in %.1fs", count, (System.nanoTime() - t0) / 1e9);
    }
    return first;
  }

  private record Window(double seconds, long completed, double perSecond) {}

  /**
   * Saturates the platform for warm-up + window and returns completed deliveries (delivery record
   * SENT, updated inside the window) per second of the window.
   */
  private Window saturate(
      BenchPlatform platform,
      BenchDatabase db,
      Tuning tuning,
      long warmupMs,
      long windowMs,
      int sizingRate,
      boolean profile)
      throws Exception {
    int backlog = Math.max(2000, tuning.consumers() * 20 * 4);
    long n = (long) ((warmupMs + windowMs) / 1000.0 * sizingRate) + backlog;
    long first = reserve(db, n);
    Window result;
    try (LoadDriver.ClosedLoop load =
        new LoadDriver.ClosedLoop(platform, runId, customerPrefix, first, n, backlog)) {
      Thread.sleep(warmupMs);
      Out.note("warm-up done: %d settled, load %s", platform.settled(), loadavg());
      Profiler profiler = profile ? new Profiler(true) : null;
      if (profiler != null) {
        profiler.begin();
      }
      QueueDepth depth =
          profile
              ? new QueueDepth(amqpUri, platform.namespace() + ".delivery.notifications")
              : null;
      Map<String, Long> pg0 = profile ? db.activity() : Map.of();
      long sent0 = platform.sent();
      long harnessCpu0 = load.cpuNanos();
      Instant from = Instant.now();
      long start = System.nanoTime();
      List<Long> perTenSeconds = new ArrayList<>();
      long mark = sent0;
      long next = start + 10_000_000_000L;
      long end = start + windowMs * 1_000_000;
      while (System.nanoTime() < end) {
        Thread.sleep(Math.max(1, Math.min(end, next) - System.nanoTime()) / 1_000_000 + 1);
        if (System.nanoTime() >= next && next <= end) {
          long s = platform.sent();
          perTenSeconds.add(s - mark);
          mark = s;
          next += 10_000_000_000L;
        }
      }
      Instant to = Instant.now();
      double seconds = (System.nanoTime() - start) / 1e9;
      long sent1 = platform.sent();
      long harnessCpu1 = load.cpuNanos();
      if (profiler != null) {
        profiler.stop();
      }
      Map<String, Long> pg1 = profile ? db.activity() : Map.of();
      if (depth != null) {
        depth.close();
      }
      boolean exhausted = load.exhausted();
      load.close();
      if (load.failure() != null) {
        throw load.failure();
      }
      cursor = first + load.published();
      // the delivery records are the measure; give the last commits a moment to land
      Thread.sleep(500);
      Map<String, Long> statuses = db.statusesUpdatedBetween(from, to);
      long completed = statuses.getOrDefault("SENT", 0L);
      result = new Window(seconds, completed, completed / seconds);
      if (profile) {
        Out.kv("notify_statuses_in_window", statuses);
        Out.kv("notify_counter_sent_per_s", (sent1 - sent0) / seconds);
        Out.kv("notify_accepted_attempts_per_s", db.acceptedAttemptsBetween(from, to) / seconds);
        Out.kv(
            "notify_per_s_by_10s", perTenSeconds.stream().map(x -> Long.toString(x / 10)).toList());
        Out.kv("notify_backlog_kept", backlog);
        Out.kv("harness_publisher_cpu_pct", 100.0 * (harnessCpu1 - harnessCpu0) / 1e9 / seconds);
        Out.kv("loadavg_window_end", loadavg());
        if (depth != null) {
          Out.kv("profile_delivery_queue_ready_avg", depth.averageReady());
          Out.kv("profile_delivery_queue_ready_min", depth.minReady());
        }
        if (completed > 0) {
          for (var e : pg1.entrySet()) {
            Out.kv(
                "profile_pg_" + e.getKey() + "_per_notification",
                (double) (e.getValue() - pg0.getOrDefault(e.getKey(), 0L)) / completed);
          }
        }
        profiler.print(completed);
      }
      if (exhausted) {
        Out.note("WARNING: the publisher ran out of seeded customers; the rate is understated");
        Out.kv("warning", "publisher ran out of seeded customers during the window");
      }
    }
    drain(platform);
    return result;
  }

  /** Waits (up to 60 s) until the platform has settled everything published so far. */
  private void drain(BenchPlatform platform) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    long last = -1;
    while (System.nanoTime() < deadline) {
      long s = platform.settled();
      if (s == last) {
        return; // nothing moved for a second: drained (or stuck; the next phase shows it)
      }
      last = s;
      Thread.sleep(1000);
    }
  }

  private static boolean amqpReachable(String uri) {
    try {
      var factory = new com.rabbitmq.client.ConnectionFactory();
      factory.setUri(uri);
      factory.setConnectionTimeout(3000);
      try (var c = factory.newConnection("kwbench-probe")) {
        return c.isOpen();
      }
    } catch (Exception e) {
      Out.note("broker at %s not reachable: %s", uri, e.getMessage());
      return false;
    }
  }

  static String loadavg() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + "/" + f[1] + "/" + f[2];
    } catch (Exception e) {
      return Double.toString(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }
}
