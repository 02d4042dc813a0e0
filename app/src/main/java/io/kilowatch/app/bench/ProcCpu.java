package io.kilowatch.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of this machine's processes from {@code /proc}, grouped: this JVM, PostgreSQL, RabbitMQ
 * (beam.smp) and everything else (other builds on a shared machine). Linux only; elsewhere the
 * snapshot is empty.
 */
final class ProcCpu {
  /** Jiffies per second; Linux reports /proc times in USER_HZ, 100 on every mainstream kernel. */
  private static final double HZ = 100.0;

  record Snapshot(long nanos, long busyJiffies, long totalJiffies, Map<String, Long> groups) {}

  private ProcCpu() {}

  static Snapshot take() {
    long now = System.nanoTime();
    long busy = 0;
    long total = 0;
    Map<String, Long> groups = new HashMap<>();
    try {
      String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = cpu.trim().split("\\s+");
      for (int i = 1; i < f.length && i <= 8; i++) {
        long v = Long.parseLong(f[i]);
        total += v;
        if (i != 4 && i != 5) { // idle, iowait
          busy += v;
        }
      }
      long self = ProcessHandle.current().pid();
      try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
        procs
            .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
            .forEach(p -> addProcess(p, self, groups));
      }
    } catch (IOException | RuntimeException e) {
      return new Snapshot(now, 0, 0, Map.of());
    }
    return new Snapshot(now, busy, total, groups);
  }

  private static void addProcess(Path proc, long self, Map<String, Long> groups) {
    try {
      String stat = Files.readString(proc.resolve("stat"));
      int open = stat.indexOf('(');
      int close = stat.lastIndexOf(')');
      String comm = stat.substring(open + 1, close);
      String[] rest = stat.substring(close + 2).split(" ");
      // fields after comm: state(0) ... utime(11) stime(12)
      long jiffies = Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
      long pid = Long.parseLong(proc.getFileName().toString());
      String group;
      if (pid == self) {
        group = "jvm";
      } else if (comm.startsWith("postgres")) {
        group = "postgres";
      } else if (comm.startsWith("beam")) {
        group = "rabbitmq";
      } else {
        group = "other_processes";
      }
      groups.merge(group, jiffies, Long::sum);
    } catch (IOException | RuntimeException ignored) {
      // the process ended between listing and reading
    }
  }

  /** CPU jiffies of this JVM's native threads by thread id, with their (15-character) names. */
  record ThreadTimes(Map<Long, String> names, Map<Long, Long> jiffies) {}

  static ThreadTimes selfThreads() {
    Map<Long, String> names = new HashMap<>();
    Map<Long, Long> jiffies = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      tasks.forEach(
          t -> {
            try {
              String stat = Files.readString(t.resolve("stat"));
              int open = stat.indexOf('(');
              int close = stat.lastIndexOf(')');
              String[] rest = stat.substring(close + 2).split(" ");
              long tid = Long.parseLong(t.getFileName().toString());
              names.put(tid, stat.substring(open + 1, close));
              jiffies.put(tid, Long.parseLong(rest[11]) + Long.parseLong(rest[12]));
            } catch (IOException | RuntimeException ignored) {
              // the thread ended meanwhile
            }
          });
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return new ThreadTimes(names, jiffies);
  }

  /** Cores used per thread group (named by {@code group}) between two thread snapshots. */
  static Map<String, Double> threadCoresBetween(
      ThreadTimes a,
      ThreadTimes b,
      double seconds,
      java.util.function.Function<String, String> group) {
    Map<String, Double> cores = new HashMap<>();
    b.jiffies()
        .forEach(
            (tid, j) -> {
              long d = j - a.jiffies().getOrDefault(tid, 0L);
              if (d > 0) {
                cores.merge(group.apply(b.names().get(tid)), d / HZ / seconds, Double::sum);
              }
            });
    return cores;
  }

  /** Cores used per group between two snapshots (processes that ended in between are missed). */
  static Map<String, Double> coresBetween(Snapshot a, Snapshot b) {
    double seconds = (b.nanos() - a.nanos()) / 1e9;
    Map<String, Double> cores = new HashMap<>();
    for (String g : new String[] {"jvm", "postgres", "rabbitmq"}) {
      long d = b.groups().getOrDefault(g, 0L) - a.groups().getOrDefault(g, 0L);
      cores.put(g, d / HZ / seconds);
    }
    double busy = (b.busyJiffies() - a.busyJiffies()) / HZ / seconds;
    double total = (b.totalJiffies() - a.totalJiffies()) / HZ / seconds;
    cores.put("machine_busy", busy);
    cores.put("machine_total", total);
    cores.put(
        "other_processes",
        Math.max(0, busy - cores.get("jvm") - cores.get("postgres") - cores.get("rabbitmq")));
    return cores;
  }
}
