package io.kilowatch.app.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingStream;

/**
 * Evidence for "what bounds it", collected in-process over the measured window:
 *
 * <ul>
 *   <li>wall clock of the delivery consumer threads, from their stacks every 100 ms: idle (no
 *       message), waiting for a PostgreSQL round trip, a pool connection, the provider's HTTP
 *       answer, Hazelcast, the broker, logging, or on CPU; and which delivery step they are in;
 *   <li>where this JVM's CPU goes, from JFR execution samples (every 20 ms), attributed to the
 *       library of the nearest non-JDK frame, by thread group and hottest methods;
 *   <li>CPU of this JVM, PostgreSQL, RabbitMQ and other processes from /proc; GC time.
 * </ul>
 */
final class Profiler implements AutoCloseable {
  private static final long SAMPLE_MS = 100;

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<String, LongAdder> consumerStates = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> consumerSteps = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> waitFrames = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> cpuByLibrary = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> cpuByThread = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> cpuTopMethod = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> cpuAttributed = new ConcurrentHashMap<>();
  private final LongAdder cpuSamples = new LongAdder();
  private final AtomicLong consumerSamples = new AtomicLong();
  private final AtomicLong sandboxBusySum = new AtomicLong();
  private final AtomicLong dumps = new AtomicLong();
  private final AtomicLong consumerThreadsSeen = new AtomicLong();
  private final Thread sampler;
  private final RecordingStream jfr;
  private ProcCpu.Snapshot cpuStart;
  private ProcCpu.ThreadTimes threadsStart;
  private ProcCpu.ThreadTimes threadsEnd;
  private long gcStartMs;
  private long startNanos;
  private volatile boolean running;
  private volatile boolean stopped;
  private ProcCpu.Snapshot cpuEnd;
  private long gcEndMs;
  private long endNanos;

  /**
   * Prepares the JFR stream (slow to start on a busy machine); samples only after {@link #begin}.
   */
  Profiler(boolean jfrEnabled) {
    RecordingStream stream = null;
    if (jfrEnabled) {
      try {
        stream = new RecordingStream();
        stream.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(20));
        stream.onEvent("jdk.ExecutionSample", this::onCpuSample);
        stream.startAsync();
      } catch (RuntimeException | Error e) {
        Out.note("JFR streaming unavailable: %s", e);
        stream = null;
      }
    }
    this.jfr = stream;
    this.sampler = new Thread(this::sampleLoop, "kwbench-profiler");
    sampler.setDaemon(true);
  }

  /** Starts the measured window. */
  void begin() {
    cpuStart = ProcCpu.take();
    threadsStart = ProcCpu.selfThreads();
    gcStartMs = gcMillis();
    startNanos = System.nanoTime();
    running = true;
    sampler.start();
  }

  private void sampleLoop() {
    while (running) {
      long t = System.nanoTime();
      sampleThreads();
      long sleep = SAMPLE_MS - (System.nanoTime() - t) / 1_000_000;
      try {
        Thread.sleep(Math.max(5, sleep));
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private long[] watched = new long[0];
  private long watchedAt;

  /** Ids of the threads worth a stack: delivery consumers and sandbox workers (by name). */
  private long[] watchedThreads() {
    long now = System.nanoTime();
    if (watched.length == 0 || now - watchedAt > 5_000_000_000L) {
      ThreadInfo[] all = threads.getThreadInfo(threads.getAllThreadIds(), 0); // names only
      List<Long> ids = new ArrayList<>();
      for (ThreadInfo info : all) {
        if (info != null
            && (isConsumerThreadName(info.getThreadName())
                || isSandboxWorker(info.getThreadName()))) {
          ids.add(info.getThreadId());
        }
      }
      watched = ids.stream().mapToLong(Long::longValue).toArray();
      watchedAt = now;
    }
    return watched;
  }

  private void sampleThreads() {
    // only the watched threads, full depth (Camel stacks are deep): a smaller safepoint than a
    // dump of every thread
    ThreadInfo[] infos = threads.getThreadInfo(watchedThreads(), Integer.MAX_VALUE);
    dumps.incrementAndGet();
    int consumers = 0;
    int sandboxBusy = 0;
    for (ThreadInfo info : infos) {
      if (info == null) {
        continue;
      }
      String name = info.getThreadName();
      StackTraceElement[] stack = info.getStackTrace();
      if (isConsumerThreadName(name)) {
        consumers++;
        consumerSamples.incrementAndGet();
        String state = consumerState(info, stack);
        consumerStates.computeIfAbsent(state, k -> new LongAdder()).increment();
        if (!state.equals("idle")) {
          consumerSteps.computeIfAbsent(step(stack), k -> new LongAdder()).increment();
        }
        if (state.startsWith("wait_other") || state.equals("blocked")) {
          waitFrames.computeIfAbsent(firstAppFrame(stack), k -> new LongAdder()).increment();
        }
      } else if (isSandboxWorker(name)) {
        if (contains(stack, "io.kilowatch.sandbox.ProviderSandbox", null)) {
          sandboxBusy++;
        }
      }
    }
    consumerThreadsSeen.accumulateAndGet(consumers, Math::max);
    sandboxBusySum.addAndGet(sandboxBusy);
  }

  private static boolean isSandboxWorker(String name) {
    return name.startsWith("provider-sandbox-") && name.contains("-worker-");
  }

  /**
   * amqp-client runs every consumer's deliveries on the connection's executor (Micronaut's {@code
   * consumer} executor), whose threads are named after it.
   */
  private static boolean isConsumerThreadName(String name) {
    return name.startsWith("consumer-executor") || name.startsWith("consumer-thread");
  }

  private static String consumerState(ThreadInfo info, StackTraceElement[] stack) {
    if (!contains(stack, "io.kilowatch.platform.messaging.EventConsumers", null)) {
      // parked in the executor waiting for a channel's next block of deliveries (or, on a
      // starved machine, woken but not yet scheduled)
      return "idle";
    }
    if (info.getThreadState() == Thread.State.BLOCKED) {
      return "blocked";
    }
    for (StackTraceElement f : stack) {
      String c = f.getClassName();
      if (c.startsWith("com.zaxxer.hikari.pool.HikariPool")
          || c.startsWith("com.zaxxer.hikari.util.ConcurrentBag")) {
        return "db_pool_wait";
      }
      if (c.startsWith("org.postgresql.core.PGStream")
          || c.startsWith("org.postgresql.core.VisibleBufferedInputStream")) {
        return "db_roundtrip";
      }
      if ((c.startsWith("org.apache.hc.core5.http.impl.io") && f.getMethodName().startsWith("fill"))
          || c.startsWith("org.apache.hc.core5.http.impl.io.SessionInputBufferImpl")) {
        return "provider_http_wait";
      }
      if (c.startsWith("com.hazelcast.spi.impl.AbstractInvocationFuture")
          || c.startsWith("com.hazelcast.spi.impl.operationservice.impl.InvocationFuture")) {
        return "hazelcast_wait";
      }
      if (c.startsWith("com.rabbitmq.client")) {
        return "broker_io";
      }
      if (c.startsWith("ch.qos.logback") || c.startsWith("net.logstash")) {
        return "logging";
      }
      if (c.startsWith("io.kilowatch")) {
        break; // below this, the frames are the caller's, not what the thread waits for
      }
    }
    return info.getThreadState() == Thread.State.RUNNABLE ? "cpu" : "wait_other";
  }

  private static String step(StackTraceElement[] stack) {
    for (StackTraceElement f : stack) {
      if (f.getClassName().equals("io.kilowatch.delivery.application.DeliverySteps")) {
        return "steps." + f.getMethodName();
      }
    }
    for (StackTraceElement f : stack) {
      String c = f.getClassName();
      String m = f.getMethodName();
      if (m.equals("commit") && (c.startsWith("org.postgresql") || c.startsWith("com.zaxxer"))) {
        return "consumer.tx_commit";
      }
      if (c.contains("InboxMapper") || (c.contains("ibatis") && m.equals("insert"))) {
        return "consumer.inbox_claim";
      }
      if (c.startsWith("com.rabbitmq.client") && m.contains("Ack")) {
        return "consumer.ack";
      }
      if (c.startsWith("io.kilowatch.events.EventCodec")) {
        return "consumer.decode";
      }
      if (c.startsWith("org.apache.camel")) {
        return "camel";
      }
    }
    return "consumer.other";
  }

  private static String firstAppFrame(StackTraceElement[] stack) {
    for (StackTraceElement f : stack) {
      String c = f.getClassName();
      if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
        return c + "." + f.getMethodName();
      }
    }
    return stack.length == 0 ? "none" : stack[0].getClassName() + "." + stack[0].getMethodName();
  }

  private static boolean contains(StackTraceElement[] stack, String className, String method) {
    for (StackTraceElement f : stack) {
      if (f.getClassName().startsWith(className)
          && (method == null || f.getMethodName().equals(method))) {
        return true;
      }
    }
    return false;
  }

  private void onCpuSample(RecordedEvent event) {
    if (!running) {
      return;
    }
    RecordedStackTrace st = event.getStackTrace();
    if (st == null || st.getFrames().isEmpty()) {
      return;
    }
    cpuSamples.increment();
    List<RecordedFrame> frames = st.getFrames();
    RecordedFrame top = frames.get(0);
    String topMethod = top.getMethod().getType().getName() + "." + top.getMethod().getName();
    cpuTopMethod.computeIfAbsent(topMethod, k -> new LongAdder()).increment();
    String library = "jdk";
    String attributed = topMethod;
    for (RecordedFrame f : frames) {
      String lib = library(f.getMethod().getType().getName());
      if (lib != null) {
        library = lib;
        attributed = f.getMethod().getType().getName() + "." + f.getMethod().getName();
        break;
      }
    }
    cpuAttributed.computeIfAbsent(attributed, k -> new LongAdder()).increment();
    cpuByLibrary.computeIfAbsent(library, k -> new LongAdder()).increment();
    String thread =
        event.getThread("sampledThread") == null
            ? "?"
            : threadGroup(event.getThread("sampledThread").getJavaName());
    cpuByThread.computeIfAbsent(thread, k -> new LongAdder()).increment();
  }

  /** The library a class belongs to, or null for the JDK (attributed to its caller instead). */
  private static String library(String c) {
    if (c.startsWith("java.")
        || c.startsWith("jdk.")
        || c.startsWith("sun.")
        || c.startsWith("javax.")
        || c.startsWith("com.sun.") && !c.startsWith("com.sun.net.httpserver")) {
      return null;
    }
    String[][] map = {
      {"org.postgresql", "pgjdbc"},
      {"com.zaxxer.hikari", "hikari"},
      {"org.apache.ibatis", "mybatis"},
      {"org.apache.camel", "camel"},
      {"com.twilio", "twilio_sdk"},
      {"org.apache.hc", "apache_httpclient"},
      {"com.sun.net.httpserver", "sandbox_http_server"},
      {"io.kilowatch.sandbox", "sandbox"},
      {"com.hazelcast", "hazelcast"},
      {"com.rabbitmq", "amqp_client"},
      {"ch.qos.logback", "logging"},
      {"net.logstash", "logging"},
      {"com.fasterxml.jackson", "jackson"},
      {"io.micronaut.transaction", "micronaut_tx"},
      {"io.micronaut", "micronaut"},
      {"dev.failsafe", "failsafe"},
      {"io.micrometer", "micrometer"},
      {"org.flywaydb", "flyway"},
      {"io.netty", "netty"},
      {"io.kilowatch.app.bench", "bench_harness"},
      {"io.kilowatch", "kilowatch"},
      {"org.slf4j", "logging"},
    };
    for (String[] m : map) {
      if (c.startsWith(m[0])) {
        return m[1];
      }
    }
    return "other_libs";
  }

  private static String threadGroup(String name) {
    if (name == null) {
      return "?";
    }
    if (name.startsWith("consumer-executor") || name.startsWith("consumer-thread")) {
      return "delivery_consumers";
    }
    if (name.startsWith("provider-sandbox") || name.startsWith("HTTP-Dispatcher")) {
      return "sandbox";
    }
    if (name.startsWith("hz.")) {
      return "hazelcast";
    }
    if (name.startsWith("AMQP Connection") || name.startsWith("rabbitmq")) {
      return "amqp_io";
    }
    if (name.startsWith("kwbench")) {
      return "bench_harness";
    }
    if (name.startsWith("outbox")) {
      return "outbox_relay";
    }
    if (name.contains("JFR")
        || name.contains("JVMCI")
        || name.startsWith("C1")
        || name.startsWith("C2")) {
      return "jvm_internal";
    }
    return "other:" + name.replaceAll("[-#]?\\d+", "");
  }

  /** Group of a native thread name (Linux keeps the first 15 characters of the Java name). */
  static String nativeThreadGroup(String name) {
    if (name == null) {
      return "unknown";
    }
    if (name.startsWith("C2 Compiler") || name.startsWith("C1 Compiler")) {
      return "jit_compiler";
    }
    if (name.startsWith("GC Thread")
        || name.startsWith("ParGC")
        || name.startsWith("G1 ")
        || name.equals("VM Thread")) {
      return "gc_and_vm";
    }
    if (name.startsWith("consumer-execut") || name.startsWith("consumer-thread")) {
      return "delivery_consumers";
    }
    if (name.startsWith("provider-sandbo") || name.startsWith("HTTP-Dispatcher")) {
      return "sandbox";
    }
    if (name.startsWith("hz.")) {
      return "hazelcast";
    }
    if (name.startsWith("AMQP Connectio")) {
      return "amqp_io";
    }
    if (name.startsWith("kwbench")) {
      return "bench_harness";
    }
    if (name.startsWith("JFR") || name.equals("Service Thread")) {
      return "jfr_and_service";
    }
    return "other:" + name.replaceAll("[-#]?\\d+$", "").replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  private static List<Map.Entry<String, Double>> sortedDoubles(Map<String, Double> values) {
    List<Map.Entry<String, Double>> list = new ArrayList<>(values.entrySet());
    list.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
    return list;
  }

  private static long gcMillis() {
    long ms = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ms += Math.max(0, gc.getCollectionTime());
    }
    return ms;
  }

  /** Stops sampling; the figures cover the time since construction. */
  void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    running = false;
    endNanos = System.nanoTime();
    cpuEnd = ProcCpu.take();
    threadsEnd = ProcCpu.selfThreads();
    gcEndMs = gcMillis();
    sampler.interrupt();
    if (jfr != null) {
      jfr.close();
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Prints the profile as {@code profile_*} keys; {@code completed} normalises CPU per item. */
  void print(long completed) {
    stop();
    double seconds = (endNanos - startNanos) / 1e9;
    Map<String, Double> cores = ProcCpu.coresBetween(cpuStart, cpuEnd);
    Out.kv("profile_window_s", seconds);
    for (String g :
        new String[] {"jvm", "postgres", "rabbitmq", "other_processes", "machine_busy"}) {
      Out.kv("profile_cpu_cores_" + g, cores.getOrDefault(g, 0.0));
    }
    Out.kv("profile_cpu_cores_machine_total", cores.getOrDefault("machine_total", 0.0));
    if (completed > 0) {
      for (String g : new String[] {"jvm", "postgres", "rabbitmq"}) {
        Out.kv(
            "profile_cpu_ms_per_notification_" + g,
            cores.getOrDefault(g, 0.0) * seconds * 1000 / completed);
      }
    }
    Map<String, Double> byThread =
        ProcCpu.threadCoresBetween(threadsStart, threadsEnd, seconds, Profiler::nativeThreadGroup);
    sortedDoubles(byThread).stream()
        .limit(14)
        .forEach(e -> Out.kv("profile_jvm_cores_thread_" + e.getKey(), e.getValue()));
    Out.kv("profile_gc_pct", 100.0 * (gcEndMs - gcStartMs) / (seconds * 1000));
    long cs = consumerSamples.get();
    Out.kv("profile_consumer_threads", consumerThreadsSeen.get());
    Out.kv(
        "profile_sandbox_workers_busy_avg",
        dumps.get() == 0 ? 0 : (double) sandboxBusySum.get() / dumps.get());
    printShares("profile_consumer_wall_pct_", consumerStates, cs, 20);
    long busy = consumerSteps.values().stream().mapToLong(LongAdder::sum).sum();
    printShares("profile_consumer_busy_step_pct_", consumerSteps, busy, 20);
    long waits = waitFrames.values().stream().mapToLong(LongAdder::sum).sum();
    printRanked("profile_consumer_other_wait_", waitFrames, waits, 5);
    long cpu = cpuSamples.sum();
    Out.kv("profile_jfr_cpu_samples", cpu);
    printShares("profile_jvm_cpu_pct_lib_", cpuByLibrary, cpu, 30);
    printShares("profile_jvm_cpu_pct_thread_", cpuByThread, cpu, 15);
    printRanked("profile_jvm_hot_", cpuTopMethod, cpu, 10);
    printRanked("profile_jvm_hot_caller_", cpuAttributed, cpu, 25);
  }

  private static void printShares(
      String prefix, Map<String, LongAdder> counts, long total, int limit) {
    if (total == 0) {
      return;
    }
    sorted(counts).stream()
        .limit(limit)
        .forEach(
            e ->
                Out.kv(
                    prefix + e.getKey().replaceAll("[^A-Za-z0-9_.:]", "_"),
                    100.0 * e.getValue() / total));
  }

  private static void printRanked(
      String prefix, Map<String, LongAdder> counts, long total, int limit) {
    if (total == 0) {
      return;
    }
    List<Map.Entry<String, Long>> list = sorted(counts);
    for (int i = 0; i < Math.min(limit, list.size()); i++) {
      var e = list.get(i);
      Out.kv(
          prefix + (i + 1),
          String.format(Locale.ROOT, "%.1f%% %s", 100.0 * e.getValue() / total, e.getKey()));
    }
  }

  private static List<Map.Entry<String, Long>> sorted(Map<String, LongAdder> counts) {
    Map<String, Long> copy = new HashMap<>();
    counts.forEach((k, v) -> copy.put(k, v.sum()));
    List<Map.Entry<String, Long>> list = new ArrayList<>(copy.entrySet());
    list.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
    return list;
  }
}
