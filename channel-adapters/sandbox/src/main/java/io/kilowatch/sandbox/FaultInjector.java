package io.kilowatch.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The failure modes every simulated provider API shares, independent of how a provider words its
 * errors: an outage for a period, a number of pending injected failures, a rate limit of so many
 * requests per clock second, and latency on every answer. {@link TwilioControl}, {@link
 * SendGridControl} and {@link FcmControl} (and each Twilio account's {@link TwilioAccountControl})
 * keep one each and shape the faults in their provider's terms through the two functions given at
 * construction.
 *
 * <p>{@link #nextFault()} checks, in this order: the outage, pending failures (consuming one), the
 * rate limit (consuming one permit). Thread-safe: tests and the HTTP control endpoints change it
 * while requests are in flight.
 *
 * @param <F> the provider's fault record
 */
final class FaultInjector<F> {

  private record PendingFailures<F>(int remaining, F fault) {}

  private record RateLimit(int permitsPerSecond, Duration retryAfter) {}

  private final Clock clock;
  private final Supplier<F> outageFault;
  private final BiFunction<Integer, Duration, F> rateLimitFault;
  private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);
  private final AtomicReference<Instant> outageUntil = new AtomicReference<>();
  private final AtomicReference<PendingFailures<F>> pending = new AtomicReference<>();

  // Guarded by this: the fixed window and its counter change together.
  private RateLimit rateLimit;
  private long windowSecond = Long.MIN_VALUE;
  private int usedInWindow;

  /**
   * @param clock ends outages and rate-limit windows
   * @param outageFault the answer to every request during an outage
   * @param rateLimitFault the answer to a request over the limit, from the permits per second and
   *     the configured {@code Retry-After}
   */
  FaultInjector(
      Clock clock, Supplier<F> outageFault, BiFunction<Integer, Duration, F> rateLimitFault) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.outageFault = Objects.requireNonNull(outageFault, "outageFault");
    this.rateLimitFault = Objects.requireNonNull(rateLimitFault, "rateLimitFault");
  }

  /** Rejects a negative failure count. */
  static void checkCount(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0: " + count);
    }
  }

  /** Rejects an injected HTTP status that is not an error. */
  static void checkErrorStatus(int httpStatus) {
    if (httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException("httpStatus must be 4xx or 5xx: " + httpStatus);
    }
  }

  /** The next {@code count} requests get {@code fault}; replaces failures still pending. */
  void failNext(int count, F fault) {
    checkCount(count);
    pending.set(count == 0 ? null : new PendingFailures<>(count, Objects.requireNonNull(fault)));
  }

  /** Delays every answer by this much (zero turns latency off). */
  void latency(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + delay);
    }
    latency.set(delay);
  }

  /** Every request fails with the outage fault for this long from now (zero ends an outage). */
  void outage(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("outage must not be negative: " + duration);
    }
    outageUntil.set(duration.isZero() ? null : clock.instant().plus(duration));
  }

  /**
   * Accepts at most {@code permitsPerSecond} requests per clock second; the rest get the rate-limit
   * fault. Zero permits rejects every request. Starts a new window.
   */
  synchronized void rateLimit(int permitsPerSecond, Duration retryAfter) {
    if (permitsPerSecond < 0) {
      throw new IllegalArgumentException("permitsPerSecond must be >= 0: " + permitsPerSecond);
    }
    rateLimit = new RateLimit(permitsPerSecond, Objects.requireNonNull(retryAfter, "retryAfter"));
    windowSecond = Long.MIN_VALUE;
  }

  /** No latency, outage, pending failure or rate limit. */
  void reset() {
    latency.set(Duration.ZERO);
    outageUntil.set(null);
    pending.set(null);
    synchronized (this) {
      rateLimit = null;
      windowSecond = Long.MIN_VALUE;
    }
  }

  Duration latency() {
    return latency.get();
  }

  /** The failure this request gets, or null; consumes one pending failure or one permit. */
  F nextFault() {
    Instant now = clock.instant();
    Instant until = outageUntil.get();
    if (until != null && now.isBefore(until)) {
      return outageFault.get();
    }
    F injected = takePending();
    if (injected != null) {
      return injected;
    }
    return rateLimited(now);
  }

  private F takePending() {
    while (true) {
      PendingFailures<F> current = pending.get();
      if (current == null) {
        return null;
      }
      PendingFailures<F> next =
          current.remaining() == 1
              ? null
              : new PendingFailures<>(current.remaining() - 1, current.fault());
      if (pending.compareAndSet(current, next)) {
        return current.fault();
      }
    }
  }

  private synchronized F rateLimited(Instant now) {
    if (rateLimit == null) {
      return null;
    }
    long second = now.getEpochSecond();
    if (second != windowSecond) {
      windowSecond = second;
      usedInWindow = 0;
    }
    if (usedInWindow < rateLimit.permitsPerSecond()) {
      usedInWindow++;
      return null;
    }
    return rateLimitFault.apply(rateLimit.permitsPerSecond(), rateLimit.retryAfter());
  }
}
