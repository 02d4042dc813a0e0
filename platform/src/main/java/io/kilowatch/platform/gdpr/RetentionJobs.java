package io.kilowatch.platform.gdpr;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every module's {@link RetentionTask}: per task, batches of {@code
 * kilowatch.retention-job.batch-size} rows, each in its own transaction, until a batch comes back
 * short. A failing task is logged and does not stop the others. Scheduled by {@link
 * RetentionSchedule}; tests call {@link #run()} with a controlled clock. Thread-safe.
 */
@Singleton
public class RetentionJobs {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionJobs.class);

  private final List<RetentionTask> tasks;
  private final RetentionPolicy policy;
  private final TransactionOperations<Connection> transactions;
  private final Clock clock;
  private final int batchSize;

  RetentionJobs(
      List<RetentionTask> tasks,
      RetentionPolicy policy,
      TransactionOperations<Connection> transactions,
      Clock clock,
      @Value("${kilowatch.retention-job.batch-size:5000}") int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("kilowatch.retention-job.batch-size must be >= 1");
    }
    this.tasks = tasks.stream().sorted(Comparator.comparing(t -> t.getClass().getName())).toList();
    this.policy = policy;
    this.transactions = transactions;
    this.clock = clock;
    this.batchSize = batchSize;
    // an unknown data type stops the start, not the first night's run
    this.tasks.forEach(t -> policy.expiresBefore(t.dataType(), clock.instant()));
  }

  /** Runs every task once now; returns rows deleted per task class (simple name). */
  public Map<String, Long> run() {
    Instant now = clock.instant();
    Map<String, Long> deleted = new TreeMap<>();
    for (RetentionTask task : tasks) {
      try {
        deleted.merge(task.getClass().getSimpleName(), runTask(task, now), Long::sum);
      } catch (RuntimeException e) {
        LOG.error("retention task {} failed; the next run tries again", task, e);
      }
    }
    LOG.info("retention tasks at {} deleted {}", now, deleted);
    return deleted;
  }

  /** Runs one task once with the clock's time; returns how many rows it deleted. */
  public long runTask(RetentionTask task, Instant now) {
    Optional<Instant> cutoff = policy.expiresBefore(task.dataType(), now);
    if (cutoff.isEmpty()) {
      return 0;
    }
    long total = 0;
    long n;
    do {
      n = transactions.executeWrite(status -> task.deleteExpired(cutoff.get(), batchSize));
      total += n;
    } while (n >= batchSize);
    return total;
  }
}
