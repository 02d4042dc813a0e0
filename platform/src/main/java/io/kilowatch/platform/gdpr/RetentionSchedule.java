package io.kilowatch.platform.gdpr;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link RetentionJobs} on {@code kilowatch.retention-job.cron} (seconds first, {@code 0 15 3
 * * * *}) in {@code kilowatch.retention-job.zone} ({@code UTC}), or every {@code fixed-delay} after
 * {@code initial-delay} when that is set: the same keys as consent-gdpr's job. Off with {@code
 * kilowatch.retention-job.enabled=false}.
 */
@Singleton
@Requires(property = "kilowatch.retention-job.enabled", notEquals = "false")
class RetentionSchedule implements ApplicationEventListener<StartupEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);

  private final RetentionJobs jobs;
  private final TaskScheduler scheduler;
  private final String cron;
  private final String zone;
  private final Optional<Duration> fixedDelay;
  private final Duration initialDelay;
  private volatile ScheduledFuture<?> scheduled;

  RetentionSchedule(
      RetentionJobs jobs,
      @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
      @Value("${kilowatch.retention-job.cron:0 15 3 * * *}") String cron,
      @Value("${kilowatch.retention-job.zone:UTC}") String zone,
      @Property(name = "kilowatch.retention-job.fixed-delay") @Nullable Duration fixedDelay,
      @Value("${kilowatch.retention-job.initial-delay:5m}") Duration initialDelay) {
    this.jobs = jobs;
    this.scheduler = scheduler;
    this.cron = cron;
    this.zone = zone;
    this.fixedDelay = Optional.ofNullable(fixedDelay);
    this.initialDelay = initialDelay;
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    if (fixedDelay.isPresent()) {
      scheduled = scheduler.scheduleWithFixedDelay(initialDelay, fixedDelay.get(), this::runAll);
      LOG.info("module retention tasks every {} (first in {})", fixedDelay.get(), initialDelay);
    } else {
      scheduled = scheduler.schedule(cron, zone, this::runAll);
      LOG.info("module retention tasks on cron '{}' ({})", cron, zone);
    }
  }

  private void runAll() {
    jobs.run();
  }

  @PreDestroy
  void stop() {
    ScheduledFuture<?> s = scheduled;
    if (s != null) {
      s.cancel(false);
    }
  }
}
