package io.kilowatch.sandbox;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One webhook the sandbox's Twilio sent to the application, as Twilio would have sent it, with the
 * answer it got. Immutable and thread-safe.
 *
 * @param kind a message status callback or an inbound SMS
 * @param accountSid account whose auth token signed it
 * @param messageSid the message it is about
 * @param url where it was POSTed; the signed URL
 * @param params the form parameters in the order sent
 * @param signature the {@code X-Twilio-Signature} header sent
 * @param sentAt when it was sent (sandbox clock)
 * @param responseStatus HTTP status of the answer, or 0 if none arrived
 * @param responseBody the answer's body (e.g. TwiML), empty if none
 * @param error why no answer arrived (refused, timeout), or null
 */
public record TwilioCallback(
    Kind kind,
    String accountSid,
    String messageSid,
    String url,
    Map<String, String> params,
    String signature,
    Instant sentAt,
    int responseStatus,
    String responseBody,
    String error) {

  /** What a webhook reports. */
  public enum Kind {
    /** A message's status changed ({@code StatusCallback} of the message). */
    STATUS,
    /** Someone sent an SMS to one of the account's numbers (the number's messaging webhook). */
    INBOUND
  }

  public TwilioCallback {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(sentAt, "sentAt");
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    responseBody = responseBody == null ? "" : responseBody;
  }

  /** A form parameter, or null. */
  public String param(String name) {
    return params.get(name);
  }

  /** {@code MessageStatus} of a status callback; null for inbound SMS. */
  public String messageStatus() {
    return kind == Kind.STATUS ? params.get("MessageStatus") : null;
  }

  /** True if the application answered 2xx. */
  public boolean answered2xx() {
    return responseStatus >= 200 && responseStatus < 300;
  }
}
