package io.kilowatch.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * The failure modes of one Twilio account of the sandbox ({@link TwilioControl#account}): the same
 * as {@link TwilioControl}'s, but only for Messages requests under that account's path, so that
 * tests and the demo can take a primary account down while its backup keeps sending. Checked after
 * the faults set for every account; the latency of an answer is the longer of the two. Every method
 * takes effect for the next request and returns this object. Thread-safe.
 */
public final class TwilioAccountControl {
  private final String accountSid;
  private final FaultInjector<TwilioControl.Fault> faults;

  TwilioAccountControl(String accountSid, FaultInjector<TwilioControl.Fault> faults) {
    this.accountSid = Objects.requireNonNull(accountSid, "accountSid");
    this.faults = Objects.requireNonNull(faults, "faults");
  }

  public String accountSid() {
    return accountSid;
  }

  /** As {@link TwilioControl#failNext(int, int, int)}, for this account's requests only. */
  public TwilioAccountControl failNext(int count, int httpStatus, int errorCode) {
    return failNext(count, httpStatus, errorCode, TwilioErrors.message(errorCode));
  }

  /** As {@link TwilioControl#failNext(int, int, int, String)}, for this account only. */
  public TwilioAccountControl failNext(int count, int httpStatus, int errorCode, String message) {
    faults.failNext(count, TwilioControl.fault(count, httpStatus, errorCode, message));
    return this;
  }

  /** Delays every answer to this account by at least this much (zero turns it off). */
  public TwilioAccountControl latency(Duration delay) {
    faults.latency(delay);
    return this;
  }

  /** This account's requests get 503 (code 20503) for this long from now (zero ends it). */
  public TwilioAccountControl outage(Duration duration) {
    faults.outage(duration);
    return this;
  }

  /** As {@link TwilioControl#rateLimit}, counting this account's requests only. */
  public TwilioAccountControl rateLimit(int permitsPerSecond, Duration retryAfter) {
    faults.rateLimit(permitsPerSecond, retryAfter);
    return this;
  }

  /** Clears this account's faults; those set for every account stay. */
  public TwilioAccountControl reset() {
    faults.reset();
    return this;
  }

  FaultInjector<TwilioControl.Fault> faults() {
    return faults;
  }
}
