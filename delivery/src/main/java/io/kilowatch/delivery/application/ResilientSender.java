package io.kilowatch.delivery.application;

import dev.failsafe.Bulkhead;
import dev.failsafe.BulkheadFullException;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RateLimitExceededException;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;
import io.kilowatch.channel.ChannelSender;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.channel.SendResult;
import io.kilowatch.delivery.domain.DeliveryJob;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Calls a channel adapter through the provider's policies, outermost first:
 *
 * <ol>
 *   <li>retry: exponential backoff with jitter for retryable failures, the provider's Retry-After
 *       when it gives one, no retry for permanent failures, none once the breaker is open;
 *   <li>circuit breaker per provider: opens after {@code breakerFailures} retryable failures in the
 *       last {@code breakerWindow} calls, so a failing provider is skipped (failover) instead of
 *       being hammered;
 *   <li>bulkhead per provider: at most {@code maxConcurrent} calls in flight, so a slow provider
 *       cannot take every delivery thread;
 *   <li>rate limiter per provider account ({@code ratePerSecond}, smooth).
 * </ol>
 *
 * Every provider call is recorded on the job as an attempt and timed. Thread-safe.
 */
@Singleton
public class ResilientSender {
  /** Codes of answers produced here rather than by a provider. */
  public static final String CIRCUIT_OPEN = "circuit-open";

  public static final String BULKHEAD_FULL = "bulkhead-full";
  public static final String RATE_LIMITED = "rate-limited";

  private final DeliverySettings settings;
  private final Map<String, ProviderLimits> configured;
  private final Map<String, FailsafeExecutor<SendResult>> executors = new ConcurrentHashMap<>();
  private final Map<String, CircuitBreaker<SendResult>> breakers = new ConcurrentHashMap<>();
  private final MeterRegistry metrics;
  private final Clock clock;

  ResilientSender(
      DeliverySettings settings, List<ProviderLimits> limits, MeterRegistry metrics, Clock clock) {
    this.settings = settings;
    this.configured =
        limits.stream().collect(Collectors.toMap(ProviderLimits::getProvider, Function.identity()));
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Sends, as the provider's policies allow; returns the last answer, never throws for it. */
  public SendResult send(ChannelSender sender, OutboundMessage message, DeliveryJob job) {
    String provider = sender.provider();
    try {
      return executor(provider)
          .get(
              () -> {
                long start = System.nanoTime();
                SendResult result = sender.send(message);
                long nanos = System.nanoTime() - start;
                job.attempted(
                    new DeliveryJob.Attempt(
                        provider, result, Duration.ofNanos(nanos).toMillis(), clock.instant()));
                Timer.builder("kilowatch.delivery.attempt.latency")
                    .description("Time a provider took to answer one send")
                    .tag("channel", sender.channel().wireName())
                    .tag("provider", provider)
                    .tag("outcome", outcome(result))
                    .register(metrics)
                    .record(Duration.ofNanos(nanos));
                return result;
              });
    } catch (CircuitBreakerOpenException e) {
      return new SendResult.RetryableFailure(
          provider, CIRCUIT_OPEN, "circuit breaker open for " + provider, null);
    } catch (BulkheadFullException e) {
      return new SendResult.RetryableFailure(
          provider, BULKHEAD_FULL, "too many calls in flight to " + provider, null);
    } catch (RateLimitExceededException e) {
      return new SendResult.RetryableFailure(
          provider, RATE_LIMITED, "rate limit of " + provider + " reached", null);
    }
  }

  /** True while the provider's breaker lets calls through (closed or half-open). */
  public boolean isAvailable(String provider) {
    CircuitBreaker<SendResult> breaker = breakers.get(provider);
    return breaker == null || !breaker.isOpen();
  }

  private FailsafeExecutor<SendResult> executor(String provider) {
    return executors.computeIfAbsent(provider, this::build);
  }

  private FailsafeExecutor<SendResult> build(String provider) {
    ProviderLimits limits = configured.getOrDefault(provider, ProviderLimits.defaults(provider));
    RetryPolicy<SendResult> retry =
        RetryPolicy.<SendResult>builder()
            .handleResultIf(r -> r instanceof SendResult.RetryableFailure)
            .abortOn(CircuitBreakerOpenException.class)
            .abortOn(BulkheadFullException.class)
            .abortOn(RateLimitExceededException.class)
            .withMaxAttempts(settings.getMaxAttempts())
            .withDelayFn(ctx -> delay(ctx.getLastResult(), ctx.getAttemptCount()))
            .build();
    CircuitBreaker<SendResult> breaker =
        CircuitBreaker.<SendResult>builder()
            .handleResultIf(r -> r instanceof SendResult.RetryableFailure)
            .withFailureThreshold(limits.getBreakerFailures(), limits.getBreakerWindow())
            .withDelay(limits.getBreakerDelay())
            .withSuccessThreshold(1)
            .build();
    breakers.put(provider, breaker);
    Gauge.builder("kilowatch.provider.breaker.state", breaker, ResilientSender::stateValue)
        .description("Circuit breaker state: 0 closed, 1 half-open, 2 open")
        .tag("provider", provider)
        .register(metrics);
    Bulkhead<SendResult> bulkhead =
        Bulkhead.<SendResult>builder(limits.getMaxConcurrent())
            .withMaxWaitTime(limits.getMaxQueueWait())
            .build();
    if (limits.getRatePerSecond() > 0) {
      long intervalNanos = Math.max(1, (long) (1_000_000_000L / limits.getRatePerSecond()));
      RateLimiter<SendResult> rateLimiter =
          RateLimiter.<SendResult>smoothBuilder(Duration.ofNanos(intervalNanos))
              .withMaxWaitTime(limits.getMaxRateWait())
              .build();
      return Failsafe.with(retry, breaker, bulkhead, rateLimiter);
    }
    return Failsafe.with(retry, breaker, bulkhead);
  }

  private static double stateValue(CircuitBreaker<?> breaker) {
    if (breaker.isOpen()) {
      return 2;
    }
    return breaker.isHalfOpen() ? 1 : 0;
  }

  private static String outcome(SendResult result) {
    if (result instanceof SendResult.Accepted) {
      return "accepted";
    }
    return result instanceof SendResult.PermanentFailure
        ? "permanent-failure"
        : "retryable-failure";
  }

  /**
   * The provider's Retry-After when it gave one (capped, never shortened by jitter); otherwise
   * exponential backoff from {@code retryDelay}, capped at {@code maxRetryDelay}, with ±25 % jitter
   * so that many deliveries failing together do not retry in step.
   */
  private Duration delay(SendResult last, int attempts) {
    Duration cap = settings.getMaxRetryDelay();
    if (last instanceof SendResult.RetryableFailure f && f.retryAfter() != null) {
      return f.retryAfter().compareTo(cap) > 0 ? cap : f.retryAfter();
    }
    long base = settings.getRetryDelay().toNanos() << Math.min(20, Math.max(0, attempts - 1));
    long capped = Math.min(base, cap.toNanos());
    double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
    return Duration.ofNanos((long) (capped * jitter));
  }
}
