package io.kilowatch.app.bench;

import io.kilowatch.platform.messaging.EventPublisher;
import io.kilowatch.sandbox.RecordedRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Publishes {@code NotificationRequested} events into a running {@link BenchPlatform}. */
final class LoadDriver {
  private LoadDriver() {}

  /**
   * Saturation: keeps {@code backlog} notifications published but not yet settled, in batches of up
   * to 500, so every delivery consumer always has work. Customers {@code firstIndex} up to {@code
   * firstIndex + limit}; events are encoded just before their batch is published (the harness's CPU
   * is reported as {@code harness_publisher_cpu_pct}).
   */
  static final class ClosedLoop implements AutoCloseable {
    private final BenchPlatform platform;
    private final String runId;
    private final String customerPrefix;
    private final long firstIndex;
    private final long limit;
    private final int backlog;
    private final AtomicLong published = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean exhausted = new AtomicBoolean();
    private final AtomicLong cpuNanos = new AtomicLong();
    private final long settledAtStart;
    private final Thread thread;
    private volatile Exception failure;

    ClosedLoop(
        BenchPlatform platform,
        String runId,
        String customerPrefix,
        long firstIndex,
        long limit,
        int backlog) {
      this.platform = platform;
      this.runId = runId;
      this.customerPrefix = customerPrefix;
      this.firstIndex = firstIndex;
      this.limit = limit;
      this.backlog = backlog;
      this.settledAtStart = platform.settled();
      this.thread = new Thread(this::run, "kwbench-publisher");
      thread.setDaemon(true);
      thread.start();
    }

    private void run() {
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      long next = 0;
      try {
        while (running.get()) {
          long outstanding = published.get() - (platform.settled() - settledAtStart);
          if (outstanding >= backlog) {
            Thread.sleep(2);
            continue;
          }
          if (next >= limit) {
            exhausted.set(true);
            Thread.sleep(10);
            continue;
          }
          int n = (int) Math.min(Math.min(500, backlog - outstanding), limit - next);
          Instant at = Instant.now();
          List<EventPublisher.Message> batch = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            long index = firstIndex + next + i;
            batch.add(BenchPlatform.event(runId, customerPrefix + index, index, at));
          }
          platform.publish(batch);
          next += n;
          published.addAndGet(n);
          cpuNanos.set(mx.getCurrentThreadCpuTime());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        failure = e;
        Out.note("publisher failed: %s", e);
      }
    }

    long published() {
      return published.get();
    }

    boolean exhausted() {
      return exhausted.get();
    }

    long cpuNanos() {
      return cpuNanos.get();
    }

    Exception failure() {
      return failure;
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join(60_000);
    }
  }

  /** Latencies of one open-loop phase, from publication to the sandbox receiving the call. */
  record Latencies(
      int offeredPerSecond,
      double achievedPublishPerSecond,
      int measured,
      int delivered,
      double p50,
      double p95,
      double p99,
      double max) {}

  /**
   * Open loop at {@code rate} per second: every 5 ms, publishes as many events as the schedule is
   * behind (so a slow confirm does not lower the offered load), each stamped with its publication
   * time. Customers {@code firstIndex, firstIndex + 1, ...}; the ones published during the measured
   * window are matched to the sandbox's recorded requests by their unique {@code To}.
   */
  static Latencies openLoop(
      BenchPlatform platform,
      String runId,
      String customerPrefix,
      long firstIndex,
      int rate,
      long warmupMs,
      long measureMs,
      long drainMs)
      throws Exception {
    int capacity = (int) ((warmupMs + measureMs) / 1000.0 * rate * 1.2) + 1000;
    long[] publishedAtMicros = new long[capacity];
    platform.sandbox().clear();
    long startNanos = System.nanoTime();
    long windowStart = startNanos + warmupMs * 1_000_000;
    long windowEnd = windowStart + measureMs * 1_000_000;
    int sent = 0;
    int firstMeasured = -1;
    int lastMeasured = -1;
    long settledBefore = platform.settled();
    while (true) {
      long now = System.nanoTime();
      if (now >= windowEnd) {
        break;
      }
      long due = (long) ((now - startNanos) / 1e9 * rate);
      int n = (int) Math.min(due - sent, capacity - sent);
      if (n > 0) {
        Instant at = Instant.now();
        long micros = at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
        List<EventPublisher.Message> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          long index = firstIndex + sent + i;
          batch.add(BenchPlatform.event(runId, customerPrefix + index, index, at));
          publishedAtMicros[sent + i] = micros;
        }
        if (now >= windowStart) {
          if (firstMeasured < 0) {
            firstMeasured = sent;
          }
          lastMeasured = sent + n - 1;
        }
        platform.publish(batch);
        sent += n;
      }
      Thread.sleep(5);
    }
    double achieved = sent / ((System.nanoTime() - startNanos) / 1e9);
    // Drain: wait until everything published has settled (or the limit passes).
    long deadline = System.nanoTime() + drainMs * 1_000_000;
    while (platform.settled() - settledBefore < sent && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    int measured = firstMeasured < 0 ? 0 : lastMeasured - firstMeasured + 1;
    double[] latencies = new double[measured];
    Arrays.fill(latencies, Double.POSITIVE_INFINITY);
    int delivered = 0;
    for (RecordedRequest r : platform.sandbox().requests("twilio")) {
      if (r.responseStatus() != 201) {
        continue;
      }
      String to = r.formParam("To");
      if (to == null || !to.startsWith("+447")) {
        continue;
      }
      long index = Long.parseLong(to.substring(4));
      long offset = index - firstIndex;
      if (offset < firstMeasured || offset > lastMeasured) {
        continue;
      }
      Instant received = r.receivedAt();
      long micros = received.getEpochSecond() * 1_000_000 + received.getNano() / 1_000;
      int slot = (int) (offset - firstMeasured);
      if (Double.isInfinite(latencies[slot])) {
        delivered++;
      }
      latencies[slot] = (micros - publishedAtMicros[(int) offset]) / 1000.0;
    }
    Arrays.sort(latencies);
    return new Latencies(
        rate,
        achieved,
        measured,
        delivered,
        percentile(latencies, 0.50),
        percentile(latencies, 0.95),
        percentile(latencies, 0.99),
        measured == 0 ? Double.NaN : latencies[measured - 1]);
  }

  /** Nearest-rank percentile of sorted values; undelivered ones are +infinity. */
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
