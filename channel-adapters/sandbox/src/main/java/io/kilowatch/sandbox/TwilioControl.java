package io.kilowatch.sandbox;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Tells the sandbox's Twilio API how to misbehave. Every method takes effect for the next request
 * and returns this object so that calls chain. Thread-safe: tests and the HTTP control endpoints
 * may change behaviour while requests are in flight.
 *
 * <p>For each Messages request the sandbox checks, in this order: an outage (503, code 20503),
 * pending {@link #failNext failures}, the {@link #rateLimit rate limit} (429, code 20429, {@code
 * Retry-After}); then authentication and the request itself. {@link #latency Latency} applies to
 * every answer, failures included. The same faults can be set for one {@link #account account} only
 * (checked after these), so that a primary account can be down while a backup account works.
 *
 * <p>Webhooks: each accepted message with a {@code StatusCallback} gets Twilio's signed status
 * callbacks ({@link #deliveryOutcome}, {@link #statusCallbacks}, {@link #callbackDelay}); {@link
 * #inboundSms} posts an SMS from a person to the {@link #inboundUrl}. {@link #callbacks()} lists
 * what was sent and what the application answered.
 */
public final class TwilioControl {

  /** An injected failure: HTTP status, Twilio error code and message, optional Retry-After. */
  record Fault(int status, int code, String message, Duration retryAfter) {}

  private final TwilioStatusCallbacks statusCallbacks;
  private final TwilioInbound inbound;
  private final TwilioWebhooks webhooks;
  private final FaultInjector<Fault> faults;
  private final Map<String, TwilioAccountControl> accounts;

  TwilioControl(
      Clock clock,
      TwilioStatusCallbacks statusCallbacks,
      TwilioInbound inbound,
      TwilioWebhooks webhooks) {
    Objects.requireNonNull(clock, "clock");
    this.statusCallbacks = Objects.requireNonNull(statusCallbacks, "statusCallbacks");
    this.inbound = Objects.requireNonNull(inbound, "inbound");
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
    this.faults = faultInjector(clock);
    Map<String, TwilioAccountControl> perAccount = new LinkedHashMap<>();
    for (String accountSid : webhooks.accounts().keySet()) {
      perAccount.put(accountSid, new TwilioAccountControl(accountSid, faultInjector(clock)));
    }
    this.accounts = Map.copyOf(perAccount);
  }

  /** Twilio's answers to an outage (503, 20503) and to a request over the rate limit (429). */
  static FaultInjector<Fault> faultInjector(Clock clock) {
    return new FaultInjector<>(
        clock,
        () -> new Fault(503, 20503, TwilioErrors.message(20503), null),
        (permits, retryAfter) -> new Fault(429, 20429, TwilioErrors.message(20429), retryAfter));
  }

  /**
   * The faults of one account only, e.g. an outage of the primary account while its backup keeps
   * working. They apply to Messages requests under {@code /Accounts/{accountSid}/}, after the
   * faults set here for every account.
   *
   * @throws IllegalArgumentException if the sandbox does not know the account
   */
  public TwilioAccountControl account(String accountSid) {
    TwilioAccountControl account = accounts.get(Objects.requireNonNull(accountSid, "accountSid"));
    if (account == null) {
      throw new IllegalArgumentException("unknown Twilio account " + accountSid);
    }
    return account;
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
    faults.failNext(count, fault(count, httpStatus, errorCode, message));
    return this;
  }

  /** Delays every answer by this much (zero turns latency off). */
  public TwilioControl latency(Duration delay) {
    faults.latency(delay);
    return this;
  }

  /** Answers every request with 503 for this long from now (zero ends an outage). */
  public TwilioControl outage(Duration duration) {
    faults.outage(duration);
    return this;
  }

  /**
   * Accepts at most {@code permitsPerSecond} requests per clock second; the rest get 429 with
   * Twilio code 20429 and {@code Retry-After} of {@code retryAfter} in whole seconds (rounded up).
   * Zero permits rejects every request.
   */
  public TwilioControl rateLimit(int permitsPerSecond, Duration retryAfter) {
    faults.rateLimit(permitsPerSecond, retryAfter);
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
   * inbound-SMS webhook to the {@link #inboundUrl} at once. Uses the sandbox's first Twilio account
   * (the primary when a backup account is configured too).
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
   * on and the default callback delay; every {@link #account account's} faults are reset too. The
   * inbound URL and the recorded webhooks stay.
   */
  public TwilioControl reset() {
    statusCallbacks.reset();
    faults.reset();
    accounts.values().forEach(TwilioAccountControl::reset);
    return this;
  }

  /** The latency of an answer to this account: the longer of the global and the account's. */
  Duration latency(String accountSid) {
    Duration global = faults.latency();
    TwilioAccountControl account = accountSid == null ? null : accounts.get(accountSid);
    if (account == null) {
      return global;
    }
    Duration own = account.faults().latency();
    return own.compareTo(global) > 0 ? own : global;
  }

  /**
   * The failure a request to this account (null: not an account path) gets, or null: the faults for
   * every account first, then the account's own. Consumes one pending failure or one permit.
   */
  Fault nextFault(String accountSid) {
    Fault fault = faults.nextFault();
    if (fault != null) {
      return fault;
    }
    TwilioAccountControl account = accountSid == null ? null : accounts.get(accountSid);
    return account == null ? null : account.faults().nextFault();
  }

  /** A validated injected fault; a 429 carries {@code Retry-After: 1}. */
  static Fault fault(int count, int httpStatus, int errorCode, String message) {
    FaultInjector.checkCount(count);
    FaultInjector.checkErrorStatus(httpStatus);
    Duration retryAfter = httpStatus == 429 ? Duration.ofSeconds(1) : null;
    return new Fault(httpStatus, errorCode, message, retryAfter);
  }
}
