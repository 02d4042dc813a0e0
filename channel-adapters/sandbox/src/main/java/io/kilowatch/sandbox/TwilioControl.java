package io.kilowatch.sandbox;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells the sandbox's Twilio API how to misbehave. Every method takes effect for the next request
 * and returns this object so that calls chain. Thread-safe: tests and the HTTP control endpoints
 * may change behaviour while requests are in flight.
 *
 * <p>For each Messages request the sandbox checks, in this order: an outage (503, code 20503),
 * pending {@link #failNext failures}, the {@link #rateLimit rate limit} (429, code 20429, {@code
 * Retry-After}); then authentication and the request itself. {@link #latency Latency} applies to
 * every answer, failures included.
 *
 * <p>Webhooks: each accepted message with a {@code StatusCallback} gets Twilio's signed status
 * callbacks ({@link #deliveryOutcome}, {@link #statusCallbacks}, {@link #callbackDelay}); {@link
 * #inboundSms} posts an SMS from a person to the {@link #inboundUrl}. {@link #callbacks()} lists
 * what was sent and what the application answered.
 */
public final class TwilioControl {

  /** An injected failure: HTTP status, Twilio error code and message, optional Retry-After. */
  record Fault(int status, int code, String message, Duration retryAfter) {}

  private record PendingFailures(int remaining, Fault fault) {}

  private record RateLimit(int permitsPerSecond, Duration retryAfter) {}

  private final Clock clock;
  private final TwilioStatusCallbacks statusCallbacks;
  private final TwilioInbound inbound;
  private final TwilioWebhooks webhooks;
  private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);
  private final AtomicReference<Instant> outageUntil = new AtomicReference<>();
  private final AtomicReference<PendingFailures> pending = new AtomicReference<>();

  // Guarded by this: the fixed window and its counter change together.
  private RateLimit rateLimit;
  private long windowSecond = Long.MIN_VALUE;
  private int usedInWindow;

  TwilioControl(
      Clock clock,
      TwilioStatusCallbacks statusCallbacks,
      TwilioInbound inbound,
      TwilioWebhooks webhooks) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.statusCallbacks = Objects.requireNonNull(statusCallbacks, "statusCallbacks");
    this.inbound = Objects.requireNonNull(inbound, "inbound");
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
  }

  /**
   * Fails the next {@code count} Messages requests with this HTTP status and Twilio error code,
   * using Twilio's message for well-known codes. Replaces failures still pending. A 429 carries
   * {@code Retry-After: 1}.
   */
  public TwilioControl failNext(int count, int httpStatus, int errorCode) {
    return failNext(count, httpStatus, errorCode, TwilioErrors.message(errorCode));
  }

  /** As {@link #failNext(int, int, int)} with an explicit error message. */
  public TwilioControl failNext(int count, int httpStatus, int errorCode, String message) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0: " + count);
    }
    if (httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException("httpStatus must be 4xx or 5xx: " + httpStatus);
    }
    Duration retryAfter = httpStatus == 429 ? Duration.ofSeconds(1) : null;
    pending.set(
        count == 0
            ? null
            : new PendingFailures(count, new Fault(httpStatus, errorCode, message, retryAfter)));
    return this;
  }

  /** Delays every answer by this much (zero turns latency off). */
  public TwilioControl latency(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + delay);
    }
    latency.set(delay);
    return this;
  }

  /** Answers every request with 503 for this long from now (zero ends an outage). */
  public TwilioControl outage(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("outage must not be negative: " + duration);
    }
    outageUntil.set(duration.isZero() ? null : clock.instant().plus(duration));
    return this;
  }

  /**
   * Accepts at most {@code permitsPerSecond} requests per clock second; the rest get 429 with
   * Twilio code 20429 and {@code Retry-After} of {@code retryAfter} in whole seconds (rounded up).
   * Zero permits rejects every request.
   */
  public synchronized TwilioControl rateLimit(int permitsPerSecond, Duration retryAfter) {
    if (permitsPerSecond < 0) {
      throw new IllegalArgumentException("permitsPerSecond must be >= 0: " + permitsPerSecond);
    }
    rateLimit = new RateLimit(permitsPerSecond, Objects.requireNonNull(retryAfter, "retryAfter"));
    windowSecond = Long.MIN_VALUE;
    return this;
  }

  /**
   * How messages accepted from now on end, as reported by their status callbacks; the default is
   * {@link TwilioDeliveryOutcome#delivered()}. An outcome set {@link #deliveryOutcome(String,
   * TwilioDeliveryOutcome) for a recipient} and the magic numbers ({@code +15005550013} → 30003,
   * {@code +15005550015} → 30005, {@code +15005550016} → 30006, all {@code undelivered}) win.
   */
  public TwilioControl deliveryOutcome(TwilioDeliveryOutcome outcome) {
    statusCallbacks.outcome(outcome);
    return this;
  }

  /** How messages to {@code to} (E.164) accepted from now on end. */
  public TwilioControl deliveryOutcome(String to, TwilioDeliveryOutcome outcome) {
    statusCallbacks.outcome(to, outcome);
    return this;
  }

  /** Turns status callbacks on (the default) or off for messages accepted from now on. */
  public TwilioControl statusCallbacks(boolean enabled) {
    statusCallbacks.enabled(enabled);
    return this;
  }

  /**
   * Wait before each status callback of a message (after acceptance, then after each answer);
   * default 5 ms.
   */
  public TwilioControl callbackDelay(Duration delay) {
    statusCallbacks.delay(delay);
    return this;
  }

  /**
   * The messaging webhook of the account's numbers, where {@link #inboundSms} posts; null unsets.
   */
  public TwilioControl inboundUrl(URI url) {
    inbound.url(url);
    return this;
  }

  /**
   * A person sends {@code body} from {@code from} to the number {@code to}: POSTs Twilio's signed
   * inbound-SMS webhook to the {@link #inboundUrl} at once. Uses the sandbox's only Twilio account.
   *
   * @return completes with the recorded webhook, including the application's answer (TwiML), once
   *     it has answered or failed to
   * @throws IllegalStateException if no inbound URL is set
   */
  public CompletableFuture<TwilioCallback> inboundSms(String from, String to, String body) {
    return inbound.receive(null, from, to, body);
  }

  /** As {@link #inboundSms(String, String, String)} for one of several accounts. */
  public CompletableFuture<TwilioCallback> inboundSms(
      String accountSid, String from, String to, String body) {
    return inbound.receive(accountSid, from, to, body);
  }

  /** Webhooks sent so far (status callbacks and inbound SMS), oldest first, once answered. */
  public List<TwilioCallback> callbacks() {
    return webhooks.sent();
  }

  /** Forgets the webhooks sent so far. */
  public TwilioControl clearCallbacks() {
    webhooks.clear();
    return this;
  }

  /**
   * Back to a healthy, fast, unlimited Twilio whose messages are delivered, with status callbacks
   * on and the default callback delay. The inbound URL and the recorded webhooks stay.
   */
  public TwilioControl reset() {
    statusCallbacks.reset();
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
      return new Fault(503, 20503, TwilioErrors.message(20503), null);
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
    return new Fault(429, 20429, TwilioErrors.message(20429), rateLimit.retryAfter());
  }
}
