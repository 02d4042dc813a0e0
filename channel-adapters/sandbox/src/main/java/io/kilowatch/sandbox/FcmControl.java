package io.kilowatch.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells the sandbox's FCM API how to misbehave. Every method takes effect for the next request and
 * returns this object so that calls chain. Thread-safe: tests and the HTTP control endpoints may
 * change behaviour while requests are in flight.
 *
 * <p>For each {@code messages:send} request the sandbox checks, in this order: an outage (503,
 * {@code UNAVAILABLE}), pending {@link #failNext failures}, the {@link #rateLimit rate limit} (429,
 * {@code QUOTA_EXCEEDED}, {@code Retry-After}); then authentication and the request itself. {@link
 * #latency Latency} applies to every answer, failures included.
 *
 * <p>Error codes are FCM's ({@code UNREGISTERED}, {@code INVALID_ARGUMENT}, {@code
 * SENDER_ID_MISMATCH}, {@code QUOTA_EXCEEDED}, {@code UNAVAILABLE}, {@code INTERNAL}, {@code
 * THIRD_PARTY_AUTH_ERROR}, {@code UNSPECIFIED_ERROR}); the answer carries the code as an {@code
 * google.firebase.fcm.v1.FcmError} detail, as FCM does.
 */
public final class FcmControl {

  /**
   * An injected failure: HTTP status, FCM error code (null: a plain Google error without an {@code
   * FcmError} detail), message, optional Retry-After.
   */
  record Fault(int status, String errorCode, String message, Duration retryAfter) {}

  private record PendingFailures(int remaining, Fault fault) {}

  private record RateLimit(int permitsPerSecond, Duration retryAfter) {}

  private final Clock clock;
  private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);
  private final AtomicReference<Instant> outageUntil = new AtomicReference<>();
  private final AtomicReference<PendingFailures> pending = new AtomicReference<>();

  // Guarded by this: the fixed window and its counter change together.
  private RateLimit rateLimit;
  private long windowSecond = Long.MIN_VALUE;
  private int usedInWindow;

  FcmControl(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Fails the next {@code count} requests with this FCM error code and the HTTP status FCM uses for
   * it ({@code UNREGISTERED} 404, {@code INVALID_ARGUMENT} 400, {@code SENDER_ID_MISMATCH} 403,
   * {@code QUOTA_EXCEEDED} 429 with {@code Retry-After: 1}, {@code UNAVAILABLE} 503, {@code
   * INTERNAL} 500, {@code THIRD_PARTY_AUTH_ERROR} 401). Replaces failures still pending.
   *
   * @throws IllegalArgumentException for an unknown error code or a negative count
   */
  public FcmControl failNext(int count, String errorCode) {
    Integer status = FcmErrors.STATUS_BY_CODE.get(Objects.requireNonNull(errorCode, "errorCode"));
    if (status == null) {
      throw new IllegalArgumentException("unknown FCM error code: " + errorCode);
    }
    return failNext(count, status, errorCode);
  }

  /**
   * Fails the next {@code count} requests with this HTTP status and FCM error code (null for a
   * plain Google error, e.g. a 502 from the front end), using FCM's message. A 429 carries {@code
   * Retry-After: 1}.
   */
  public FcmControl failNext(int count, int httpStatus, String errorCode) {
    return failNext(
        count,
        httpStatus,
        errorCode,
        FcmErrors.message(errorCode, httpStatus),
        httpStatus == 429 ? Duration.ofSeconds(1) : null);
  }

  /**
   * As {@link #failNext(int, int, String)} with an explicit message and {@code Retry-After} (null:
   * none), e.g. a 503 with {@code Retry-After}, which the Admin SDK would honour by retrying.
   *
   * @throws IllegalArgumentException for a negative count, a status that is not 4xx/5xx or an
   *     unknown error code
   */
  public FcmControl failNext(
      int count, int httpStatus, String errorCode, String message, Duration retryAfter) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0: " + count);
    }
    if (httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException("httpStatus must be 4xx or 5xx: " + httpStatus);
    }
    if (errorCode != null && !FcmErrors.STATUS_BY_CODE.containsKey(errorCode)) {
      throw new IllegalArgumentException("unknown FCM error code: " + errorCode);
    }
    if (retryAfter != null && retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
    }
    Objects.requireNonNull(message, "message");
    pending.set(
        count == 0
            ? null
            : new PendingFailures(count, new Fault(httpStatus, errorCode, message, retryAfter)));
    return this;
  }

  /** Delays every answer by this much (zero turns latency off). */
  public FcmControl latency(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + delay);
    }
    latency.set(delay);
    return this;
  }

  /** Answers every request with 503 {@code UNAVAILABLE} for this long from now (zero ends it). */
  public FcmControl outage(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("outage must not be negative: " + duration);
    }
    outageUntil.set(duration.isZero() ? null : clock.instant().plus(duration));
    return this;
  }

  /**
   * Accepts at most {@code permitsPerSecond} requests per clock second; the rest get 429 {@code
   * QUOTA_EXCEEDED} with {@code Retry-After} of {@code retryAfter} in whole seconds (rounded up).
   * Zero permits rejects every request.
   */
  public synchronized FcmControl rateLimit(int permitsPerSecond, Duration retryAfter) {
    if (permitsPerSecond < 0) {
      throw new IllegalArgumentException("permitsPerSecond must be >= 0: " + permitsPerSecond);
    }
    rateLimit = new RateLimit(permitsPerSecond, Objects.requireNonNull(retryAfter, "retryAfter"));
    windowSecond = Long.MIN_VALUE;
    return this;
  }

  /** Back to a healthy, fast, unlimited FCM. */
  public FcmControl reset() {
    latency.set(Duration.ZERO);
    outageUntil.set(null);
    pending.set(null);
    synchronized (this) {
      rateLimit = null;
      windowSecond = Long.MIN_VALUE;
    }
    return this;
  }

  Duration latency() {
    return latency.get();
  }

  /** The failure this request gets, or null; consumes one pending failure or one permit. */
  Fault nextFault() {
    Instant now = clock.instant();
    Instant until = outageUntil.get();
    if (until != null && now.isBefore(until)) {
      return new Fault(503, "UNAVAILABLE", FcmErrors.message("UNAVAILABLE", 503), null);
    }
    Fault injected = takePending();
    if (injected != null) {
      return injected;
    }
    return rateLimited(now);
  }

  private Fault takePending() {
    while (true) {
      PendingFailures current = pending.get();
      if (current == null) {
        return null;
      }
      PendingFailures next =
          current.remaining() == 1
              ? null
              : new PendingFailures(current.remaining() - 1, current.fault());
      if (pending.compareAndSet(current, next)) {
        return current.fault();
      }
    }
  }

  private synchronized Fault rateLimited(Instant now) {
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
    return new Fault(
        429, "QUOTA_EXCEEDED", FcmErrors.message("QUOTA_EXCEEDED", 429), rateLimit.retryAfter());
  }
}
