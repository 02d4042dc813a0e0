package io.kilowatch.channel.sms;

/**
 * Receives opt-out, opt-in and help keywords texted to our Twilio numbers, after the webhook's
 * signature was verified. Consent (consent-gdpr) implements it to withdraw and restore SMS consent.
 * Every bean of this type is called, in no particular order, on a blocking-I/O thread.
 *
 * <p>Implementations are idempotent (Twilio may deliver the same webhook twice; {@link
 * InboundKeyword#messageSid()} identifies it) and thread-safe. An exception makes the webhook
 * answer 500, which Twilio logs as error 11200; Twilio does not resend inbound webhooks by default,
 * so an implementation should record the keyword durably before returning.
 */
@FunctionalInterface
public interface InboundSmsListener {
  void onKeyword(InboundKeyword keyword);
}
