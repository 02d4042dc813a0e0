package io.kilowatch.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

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

  private final FaultInjector<Fault> faults;

  FcmControl(Clock clock) {
    this.faults =
        new FaultInjector<>(
            clock,
            () -> new Fault(503, "UNAVAILABLE", FcmErrors.message("UNAVAILABLE", 503), null),
            (permits, retryAfter) ->
                new Fault(
                    429, "QUOTA_EXCEEDED", FcmErrors.message("QUOTA_EXCEEDED", 429), retryAfter));
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
    FaultInjector.checkCount(count);
    FaultInjector.checkErrorStatus(httpStatus);
    if (errorCode != null && !FcmErrors.STATUS_BY_CODE.containsKey(errorCode)) {
      throw new IllegalArgumentException("unknown FCM error code: " + errorCode);
    }
    if (retryAfter != null && retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
    }
    Objects.requireNonNull(message, "message");
    faults.failNext(count, new Fault(httpStatus, errorCode, message, retryAfter));
    return this;
  }

  /** Delays every answer by this much (zero turns latency off). */
  public FcmControl latency(Duration delay) {
    faults.latency(delay);
    return this;
  }

  /** Answers every request with 503 {@code UNAVAILABLE} for this long from now (zero ends it). */
  public FcmControl outage(Duration duration) {
    faults.outage(duration);
    return this;
  }

  /**
   * Accepts at most {@code permitsPerSecond} requests per clock second; the rest get 429 {@code
   * QUOTA_EXCEEDED} with {@code Retry-After} of {@code retryAfter} in whole seconds (rounded up).
   * Zero permits rejects every request.
   */
  public FcmControl rateLimit(int permitsPerSecond, Duration retryAfter) {
    faults.rateLimit(permitsPerSecond, retryAfter);
    return this;
  }

  /** Back to a healthy, fast, unlimited FCM. */
  public FcmControl reset() {
    faults.reset();
    return this;
  }

  Duration latency() {
    return faults.latency();
  }

  /** The failure this request gets, or null; consumes one pending failure or one permit. */
  Fault nextFault() {
    return faults.nextFault();
  }
}
