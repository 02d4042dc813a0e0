package io.kilowatch.consent.adapter.in.scheduling;

import io.kilowatch.consent.application.RetentionJob;
import io.kilowatch.consent.application.RetentionJobSettings;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the retention job on {@code kilowatch.retention-job.cron} (in {@code zone}), or every {@code
 * fixed-delay} when that is set. Off with {@code kilowatch.retention-job.enabled=false}. A failed
 * run is logged and the next one tries again.
 */
@Singleton
@Requires(property = "kilowatch.retention-job.enabled", notEquals = "false")
class RetentionSchedule implements ApplicationEventListener<StartupEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);

  private final RetentionJob job;
  private final RetentionJobSettings settings;
  private final TaskScheduler scheduler;
  private volatile ScheduledFuture<?> scheduled;

  RetentionSchedule(
      RetentionJob job,
      RetentionJobSettings settings,
      @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
    this.job = job;
    this.settings = settings;
    this.scheduler = scheduler;
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    if (settings.getFixedDelay() != null) {
      scheduled =
          scheduler.scheduleWithFixedDelay(
              settings.getInitialDelay(), settings.getFixedDelay(), this::runSafely);
      LOG.info(
          "retention job every {} (first in {})",
          settings.getFixedDelay(),
          settings.getInitialDelay());
    } else {
      scheduled = scheduler.schedule(settings.getCron(), settings.getZone(), this::runSafely);
      LOG.info("retention job on cron '{}' ({})", settings.getCron(), settings.getZone());
    }
  }

  /** True once the job is scheduled on this instance. */
  boolean isScheduled() {
    return scheduled != null && !scheduled.isCancelled();
  }

  @PreDestroy
  void stop() {
    ScheduledFuture<?> s = scheduled;
    if (s != null) {
      s.cancel(false);
    }
  }

  private void runSafely() {
    try {
      job.run();
    } catch (RuntimeException e) {
      LOG.error("retention run failed; the next run tries again", e);
    }
  }
}
