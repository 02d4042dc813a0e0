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
 *   <li>Latency: the fixed offered load of the issue (1000/s; also 80 % of the sustained rate when
 *       1000/s is beyond it), publication to the provider sandbox receiving the call, matched by
 *       the unique {@code To}.
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
    Out.kv(
        "experiments",
        settings.experiments().isEmpty() ? "none" : String.join(",", settings.experiments()));

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
      Tuning best = settings.sweep().size() == 1 ? settings.sweep().get(0) : null;
      double bestRate = -1;
      Tuning bestTrial = null;
      // one tuning: nothing to choose, the sustained phase measures it (after the JVM warm-up)
      for (int i = 0; best == null && i < settings.sweep().size(); i++) {
        Tuning t = settings.sweep().get(i);
        Out.note("trial %d: %s", i + 1, t);
        double rate;
        try (BenchPlatform platform = start(amqp, db, "trial" + (i + 1), t)) {
          // the first trial also warms the JVM (JIT) up, so that later trials are not favoured
          long jvmWarmup = i == 0 ? settings.jvmWarmup().toMillis() : 0;
          rate =
              saturate(
                      platform,
                      db,
                      t,
                      jvmWarmup + settings.trialWarmup().toMillis(),
                      settings.trial().toMillis(),
                      CAP_RATE_FOR_SIZING,
                      false,
                      0,
                      "trial_" + (i + 1) + "_")
                  .perSecond;
        }
        Out.kv("trial_" + (i + 1) + "_settings", t);
        Out.kv("trial_" + (i + 1) + "_notify_per_s", rate);
        Out.note("trial %d: %.0f notifications/s, load %s", i + 1, rate, loadavg());
        if (rate > bestRate) {
          bestRate = rate;
          bestTrial = t;
        }
      }
      if (best == null) {
        best = bestTrial;
      }
      long jvmWarmupInSustained = bestRate < 0 ? settings.jvmWarmup().toMillis() : 0;

      // 3. sustained + 4. latency on the best tuning
      Out.kv("settings", best);
      if (settings.sustained().isZero()) {
        Out.note("BENCH_SUSTAINED_SECONDS=0: sweep only");
        return;
      }
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
                jvmWarmupInSustained + settings.sustainedWarmup().toMillis(),
                settings.sustained().toMillis(),
                (int) Math.max(1000, bestRate * 1.6),
                true,
                0,
                "");
        Out.kv("notify_window_s", w.seconds);
        Out.kv("notify_completed", w.completed);
        Out.kv("notify_per_s", w.perSecond);
        Out.kv("notify_ratio", w.perSecond / baseline.consumedPerSecond());

        // 4. latency at the issue's fixed offered load (1000/s); when that is more than the
        // sustained rate, queueing dominates, so the latency below capacity follows as well
        int offered = Math.max(1, settings.latencyRate());
        latency(platform, db, offered, "latency_");
        Out.kv("latency_offered_over_capacity", offered > w.perSecond);
        if (offered > w.perSecond && w.perSecond >= 2) {
          latency(platform, db, (int) Math.floor(w.perSecond * 0.8), "latency_below_capacity_");
        }

        // 5. where the time goes: a separate, profiled saturation window (after the figures
        // above, so that the profiler's cost never touches them)
        if (settings.profile()) {
          saturate(
              platform,
              db,
              best,
              10_000,
              0,
              (int) Math.max(1000, bestRate * 1.6),
              false,
              settings.profileWindow().toMillis(),
              "profile_");
        }
      }
      Out.kv("targets", "notify_per_s>=3000 notify_ratio>=0.3 latency_ms_p99<=250");
    }
  }

  /** Latency at {@code offered} notifications/s, printed under {@code label}. */
  private void latency(BenchPlatform platform, BenchDatabase db, int offered, String label)
      throws Exception {
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
            120_000);
    cursor = first + n;
    Out.kv(label + "offered_per_s", lat.offeredPerSecond());
    Out.kv(label + "published_per_s", lat.achievedPublishPerSecond());
    Out.kv(label + "samples", lat.measured());
    Out.kv(label + "undelivered", lat.measured() - lat.delivered());
    Out.kv(label + "ms_p50", lat.p50());
    Out.kv(label + "ms_p95", lat.p95());
    Out.kv(label + "ms_p99", lat.p99());
    Out.kv(label + "ms_max", lat.max());
    drain(platform);
  }

  private BenchPlatform start(String amqp, BenchDatabase db, String phase, Tuning tuning) {
    long t0 = System.nanoTime();
    BenchPlatform platform =
        BenchPlatform.start(
            amqp, db.url(), runId + "-" + phase, tuning, 120_000, settings.experiments());
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
   * Saturates the platform: warm-up, then the measured window, then (when {@code profileMs > 0}) a
   * separate profiled window, so that the profiler's own cost (thread dumps are safepoints) never
   * lowers the measured rate. Returns completed deliveries (delivery record SENT, updated inside
   * the measured window) per second of that window. {@code detail} prints the window's cheap
   * evidence (CPU per notification by process and JVM thread group, PostgreSQL work per
   * notification, queue depth) under {@code label}.
   */
  private Window saturate(
      BenchPlatform platform,
      BenchDatabase db,
      Tuning tuning,
      long warmupMs,
      long windowMs,
      int sizingRate,
      boolean detail,
      long profileMs,
      String label)
      throws Exception {
    int backlog = Math.max(2000, tuning.consumers() * 20 * 4);
    long n = (long) ((warmupMs + windowMs + profileMs) / 1000.0 * sizingRate) + backlog;
    long first = reserve(db, n);
    Window result;
    Profiler profiler = null;
    try (LoadDriver.ClosedLoop load =
        new LoadDriver.ClosedLoop(platform, runId, customerPrefix, first, n, backlog)) {
      Thread.sleep(warmupMs);
      Out.note("warm-up done: %d settled, load %s", platform.settled(), loadavg());
      QueueDepth depth =
          detail ? new QueueDepth(amqpUri, platform.namespace() + ".delivery.notifications") : null;
      Map<String, Long> pg0 = detail ? db.activity() : Map.of();
      long sent0 = platform.sent();
      long harnessCpu0 = load.cpuNanos();
      ProcCpu.ThreadTimes threads0 = ProcCpu.selfThreads();
      Instant from = Instant.now();
      ProcCpu.Snapshot cpu0 = ProcCpu.take();
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
      ProcCpu.Snapshot cpu1 = ProcCpu.take();
      double seconds = (System.nanoTime() - start) / 1e9;
      ProcCpu.ThreadTimes threads1 = ProcCpu.selfThreads();
      long sent1 = platform.sent();
      long harnessCpu1 = load.cpuNanos();
      Map<String, Long> pg1 = detail ? db.activity() : Map.of();
      if (depth != null) {
        depth.close();
      }
      String loadAtEnd = loadavg();

      Instant profiledFrom = null;
      Instant profiledTo = null;
      long profiledSent0 = 0;
      long profiledSent1 = 0;
      if (profileMs > 0) {
        // CPU attribution streams JFR execution samples only when the JVM started with JFR
        // (BENCH_JFR=1): starting JFR later instruments JDK classes (socket and file I/O) and
        // recompiles their hot callers, which on two cores takes minutes and skews everything
        profiler = new Profiler(Boolean.getBoolean("bench.jfr"));
        Thread.sleep(1_000);
        Out.note(
            "profiled window: %ds (thread stacks + JFR; not part of notify_per_s)",
            profileMs / 1000);
        profiledSent0 = platform.sent();
        profiledFrom = Instant.now();
        profiler.begin();
        Thread.sleep(profileMs);
        profiler.stop();
        profiledTo = Instant.now();
        profiledSent1 = platform.sent();
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
      result = new Window(seconds, completed, seconds > 0 ? completed / seconds : 0);
      if (completed > 0 && windowMs > 0) {
        // CPU per notification in this window (other processes on a shared machine excluded)
        Map<String, Double> cores = ProcCpu.coresBetween(cpu0, cpu1);
        for (String g : new String[] {"jvm", "postgres", "rabbitmq"}) {
          Out.kv(
              label + "cpu_ms_per_notification_" + g,
              cores.getOrDefault(g, 0.0) * seconds * 1000 / completed);
        }
        Out.kv(label + "cpu_cores_other_processes", cores.getOrDefault("other_processes", 0.0));
        Out.kv(label + "cpu_cores_machine_busy", cores.getOrDefault("machine_busy", 0.0));
      }
      if (windowMs > 0) {
        Out.kv(label + "loadavg_window_end", loadAtEnd);
      }
      if (detail) {
        Out.kv(label + "notify_statuses_in_window", statuses);
        Out.kv(label + "notify_counter_sent_per_s", (sent1 - sent0) / seconds);
        Out.kv(
            label + "notify_accepted_attempts_per_s",
            db.acceptedAttemptsBetween(from, to) / seconds);
        Out.kv(
            label + "notify_per_s_by_10s",
            perTenSeconds.stream().map(x -> Long.toString(x / 10)).toList());
        Out.kv(label + "notify_backlog_kept", backlog);
        Out.kv(
            label + "harness_publisher_cpu_pct",
            100.0 * (harnessCpu1 - harnessCpu0) / 1e9 / seconds);
        if (depth != null) {
          Out.kv(label + "delivery_queue_ready_avg", depth.averageReady());
          Out.kv(label + "delivery_queue_ready_min", depth.minReady());
        }
        if (completed > 0) {
          for (var e : pg1.entrySet()) {
            Out.kv(
                label + "pg_" + e.getKey() + "_per_notification",
                (double) (e.getValue() - pg0.getOrDefault(e.getKey(), 0L)) / completed);
          }
          Map<String, Double> byThread =
              ProcCpu.threadCoresBetween(threads0, threads1, seconds, Profiler::nativeThreadGroup);
          byThread.entrySet().stream()
              .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
              .limit(10)
              .forEach(
                  e ->
                      Out.kv(
                          label + "cpu_ms_per_notification_jvm_" + e.getKey(),
                          e.getValue() * seconds * 1000 / completed));
        }
      }
      if (profiler != null) {
        long profiledCompleted =
            db.statusesUpdatedBetween(profiledFrom, profiledTo).getOrDefault("SENT", 0L);
        double profiledSeconds = (profiledTo.toEpochMilli() - profiledFrom.toEpochMilli()) / 1e3;
        Out.kv("profile_notify_per_s", profiledCompleted / profiledSeconds);
        Out.kv("profile_counter_sent_per_s", (profiledSent1 - profiledSent0) / profiledSeconds);
        profiler.print(profiledCompleted);
      }
      if (exhausted) {
        Out.note("WARNING: the publisher ran out of seeded customers; the rate is understated");
        Out.kv("warning", "publisher ran out of seeded customers during the window");
      }
    } finally {
      if (profiler != null) {
        profiler.close();
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
