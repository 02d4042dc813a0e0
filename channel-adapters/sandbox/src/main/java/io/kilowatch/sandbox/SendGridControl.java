package io.kilowatch.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Tells the sandbox's SendGrid API how to misbehave, and gives access to its {@link #events() event
 * webhook}. Every method takes effect for the next request and returns this object so that calls
 * chain. Thread-safe: tests and the HTTP control endpoints may change behaviour while requests are
 * in flight.
 *
 * <p>For each {@code POST /v3/mail/send} the sandbox checks, in this order: an outage (503),
 * pending {@link #failNext failures}, the {@link #rateLimit rate limit} (429 with {@code
 * Retry-After} and {@code X-RateLimit-*}); then authentication and the payload. {@link #latency
 * Latency} applies to every answer, failures included. Failures are answered in SendGrid's shape,
 * {@code {"errors":[{"message":..,"field":..,"help":null}]}}.
 */
public final class SendGridControl {

  /**
   * An injected failure: HTTP status, SendGrid error message and field, optional Retry-After, and
   * the limit reported in {@code X-RateLimit-Limit} (null: no rate-limit headers).
   */
  record Fault(
      int status, String message, String field, Duration retryAfter, Integer rateLimitLimit) {}

  private final SendGridEvents events;
  private final FaultInjector<Fault> faults;

  SendGridControl(Clock clock, SendGridEvents events) {
    this.events = Objects.requireNonNull(events, "events");
    this.faults =
        new FaultInjector<>(
            clock,
            () -> new Fault(503, SendGridErrors.UNAVAILABLE, null, null, null),
            (permits, retryAfter) ->
                new Fault(429, SendGridErrors.TOO_MANY_REQUESTS, null, retryAfter, permits));
  }

  /** The event webhook: where the sandbox posts signed delivery events, and its public key. */
  public SendGridEvents events() {
    return events;
  }

  /**
   * Fails the next {@code count} mail send requests with this HTTP status and SendGrid's standard
   * message for it ({@code field} null). Replaces failures still pending. A 429 carries {@code
   * Retry-After: 1}.
   */
  public SendGridControl failNext(int count, int httpStatus) {
    return failNext(count, httpStatus, defaultMessage(httpStatus), null);
  }

  /**
   * As {@link #failNext(int, int)} with SendGrid's error {@code message} and {@code field} (may be
   * null), e.g. {@code failNext(1, 403, "The from address does not match a verified Sender
   * Identity.", "from")}.
   */
  public SendGridControl failNext(int count, int httpStatus, String message, String field) {
    FaultInjector.checkCount(count);
    FaultInjector.checkErrorStatus(httpStatus);
    Objects.requireNonNull(message, "message");
    Duration retryAfter = httpStatus == 429 ? Duration.ofSeconds(1) : null;
    Integer limit = httpStatus == 429 ? Integer.valueOf(0) : null;
    faults.failNext(count, new Fault(httpStatus, message, field, retryAfter, limit));
    return this;
  }

  /** Delays every answer by this much (zero turns latency off). */
  public SendGridControl latency(Duration delay) {
    faults.latency(delay);
    return this;
  }

  /** Answers every request with 503 for this long from now (zero ends an outage). */
  public SendGridControl outage(Duration duration) {
    faults.outage(duration);
    return this;
  }

  /**
   * Accepts at most {@code permitsPerSecond} requests per clock second; the rest get 429 with
   * {@code Retry-After} of {@code retryAfter} in whole seconds (rounded up), {@code
   * X-RateLimit-Limit}, {@code X-RateLimit-Remaining: 0} and {@code X-RateLimit-Reset} (epoch
   * seconds, now + retryAfter). Zero permits rejects every request.
   */
  public SendGridControl rateLimit(int permitsPerSecond, Duration retryAfter) {
    if (permitsPerSecond < 0) {
      throw new IllegalArgumentException("permitsPerSecond must be >= 0: " + permitsPerSecond);
    }
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
    }
    faults.rateLimit(permitsPerSecond, retryAfter);
    return this;
  }

  /**
   * Back to a healthy, fast, unlimited SendGrid. The event webhook's configuration (URL, delay) is
   * kept: it is set-up, not a failure mode.
   */
  public SendGridControl reset() {
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

  static String defaultMessage(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> SendGridErrors.NOT_JSON;
      case 401 -> SendGridErrors.UNAUTHORIZED;
      case 403 -> "access forbidden";
      case 404 -> "Not Found";
      case 413 -> SendGridErrors.TOO_LARGE;
      case 429 -> SendGridErrors.TOO_MANY_REQUESTS;
      case 503 -> SendGridErrors.UNAVAILABLE;
      default -> httpStatus >= 500 ? SendGridErrors.INTERNAL : "Bad Request";
    };
  }
}
