package io.kilowatch.app.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code bench/run notify} measures and how long, from {@code BENCH_*} environment variables
 * (see bench/README.md). Immutable.
 */
record BenchSettings(
    String amqpUri,
    String jdbcBase,
    String jdbcUser,
    String jdbcPassword,
    Duration baselineWarmup,
    Duration baseline,
    int baselineConfirmBatch,
    String baselineQueueType,
    List<Tuning> sweep,
    Duration jvmWarmup,
    Duration trialWarmup,
    Duration trial,
    Duration sustainedWarmup,
    Duration sustained,
    int latencyRate,
    Duration latencyWarmup,
    Duration latency,
    boolean profile,
    Duration profileWindow,
    java.util.Set<String> experiments) {

  /**
   * The knobs tried without code changes: consumers on the delivery queue, threads of Micronaut's
   * {@code consumer} executor (amqp-client dispatches every consumer's deliveries on it), the
   * PostgreSQL pool and the provider sandbox's worker threads.
   */
  record Tuning(int consumers, int consumerThreads, int poolSize, int sandboxWorkers) {
    static Tuning parse(String text) {
      String[] p = text.trim().split(":");
      if (p.length != 4) {
        throw new IllegalArgumentException(
            "tuning is consumers:consumerThreads:poolSize:sandboxWorkers, got " + text);
      }
      Tuning t =
          new Tuning(
              Integer.parseInt(p[0]),
              Integer.parseInt(p[1]),
              Integer.parseInt(p[2]),
              Integer.parseInt(p[3]));
      if (t.poolSize <= t.consumerThreads) {
        // Each delivery holds its consumer transaction's connection and takes a second one for
        // the dispatch claim (REQUIRES_NEW): a pool no larger than the threads can starve.
        throw new IllegalArgumentException(
            "poolSize must exceed consumerThreads (a delivery holds two connections): " + text);
      }
      return t;
    }

    @Override
    public String toString() {
      return "consumers="
          + consumers
          + ",consumer_threads="
          + consumerThreads
          + ",pool="
          + poolSize
          + ",sandbox_workers="
          + sandboxWorkers
          + ",prefetch=20";
    }
  }

  static BenchSettings from(Map<String, String> env) {
    List<Tuning> sweep = new ArrayList<>();
    for (String t : env.getOrDefault("BENCH_SWEEP", "4:4:12:32,12:12:24:32").split(",")) {
      if (!t.isBlank()) {
        sweep.add(Tuning.parse(t));
      }
    }
    if (sweep.isEmpty()) {
      throw new IllegalArgumentException("BENCH_SWEEP names no tuning");
    }
    return new BenchSettings(
        env.getOrDefault("BENCH_AMQP_URI", "amqp://guest:guest@127.0.0.1:5672"),
        env.getOrDefault("BENCH_JDBC_BASE", "jdbc:postgresql://127.0.0.1:5432/"),
        env.getOrDefault("BENCH_JDBC_USER", "postgres"),
        env.getOrDefault("BENCH_JDBC_PASSWORD", ""),
        seconds(env, "BENCH_BASELINE_WARMUP_SECONDS", 3),
        seconds(env, "BENCH_BASELINE_SECONDS", 15),
        Integer.parseInt(env.getOrDefault("BENCH_BASELINE_CONFIRM_BATCH", "200")),
        env.getOrDefault("BENCH_BASELINE_QUEUE_TYPE", "quorum"),
        List.copyOf(sweep),
        seconds(env, "BENCH_JVM_WARMUP_SECONDS", quick(env, 60)),
        seconds(env, "BENCH_TRIAL_WARMUP_SECONDS", quick(env, 10)),
        seconds(env, "BENCH_TRIAL_SECONDS", quick(env, 20)),
        seconds(env, "BENCH_WARMUP_SECONDS", quick(env, 20)),
        seconds(env, "BENCH_SUSTAINED_SECONDS", quick(env, 60)),
        Integer.parseInt(env.getOrDefault("BENCH_LATENCY_RATE", "1000")),
        seconds(env, "BENCH_LATENCY_WARMUP_SECONDS", quick(env, 5)),
        seconds(env, "BENCH_LATENCY_SECONDS", quick(env, 30)),
        !"0".equals(env.getOrDefault("BENCH_PROFILE", "1")),
        seconds(env, "BENCH_PROFILE_SECONDS", quick(env, 20)),
        java.util.Arrays.stream(env.getOrDefault("BENCH_EXPERIMENTS", "").split(","))
            .map(String::trim)
            .filter(x -> !x.isEmpty())
            .collect(java.util.stream.Collectors.toUnmodifiableSet()));
  }

  /**
   * {@code BENCH_SECONDS=N} shortens a run for quick iterations: every phase lasts at most N
   * seconds (the sustained window exactly N) unless its own variable says otherwise. Unset: the
   * issue's durations (sustained 60 s).
   */
  private static int quick(Map<String, String> env, int defaultSeconds) {
    String quick = env.get("BENCH_SECONDS");
    return quick == null || quick.isBlank()
        ? defaultSeconds
        : Math.min(defaultSeconds, Integer.parseInt(quick.trim()));
  }

  private static Duration seconds(Map<String, String> env, String name, int defaultSeconds) {
    return Duration.ofSeconds(
        Long.parseLong(env.getOrDefault(name, Integer.toString(defaultSeconds))));
  }
}
