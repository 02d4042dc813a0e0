package io.kilowatch.delivery.application;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.kilowatch.channel.ChannelSender;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.channel.SendResult;
import io.kilowatch.delivery.domain.DeliveryJob;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * Calls a channel adapter with retries: exponential backoff with jitter for retryable failures, the
 * provider's Retry-After when it gives one, no retry for permanent failures. Every call is recorded
 * on the job as an attempt. Thread-safe.
 */
@Singleton
public class ResilientSender {
  private final RetryPolicy<SendResult> retry;
  private final Clock clock;

  ResilientSender(DeliverySettings settings, Clock clock) {
    this.clock = clock;
    this.retry =
        RetryPolicy.<SendResult>builder()
            .handleResultIf(r -> r instanceof SendResult.RetryableFailure)
            .withMaxAttempts(settings.getMaxAttempts())
            .withBackoff(settings.getRetryDelay(), settings.getMaxRetryDelay())
            .withJitter(0.25)
            .withDelayFn(ctx -> retryAfter(ctx.getLastResult(), settings.getMaxRetryDelay()))
            .build();
  }

  /** Sends, retrying as the policy allows; returns the last answer. */
  public SendResult send(ChannelSender sender, OutboundMessage message, DeliveryJob job) {
    return Failsafe.with(retry)
        .get(
            () -> {
              long start = System.nanoTime();
              SendResult result = sender.send(message);
              long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
              job.attempted(
                  new DeliveryJob.Attempt(sender.provider(), result, millis, clock.instant()));
              return result;
            });
  }

  private static Duration retryAfter(SendResult last, Duration cap) {
    if (last instanceof SendResult.RetryableFailure f && f.retryAfter() != null) {
      return f.retryAfter().compareTo(cap) > 0 ? cap : f.retryAfter();
    }
    return Duration.ofMillis(-1); // no hint: use the backoff
  }
}
