package io.kilowatch.sandbox;

/**
 * Where the sandbox will report message status changes (sent, delivered, undelivered) to the {@code
 * StatusCallback} URL of an accepted message, signed with the account's auth token like Twilio's
 * {@code X-Twilio-Signature}. Kilowatch's callback endpoint does not exist yet, so the sandbox uses
 * {@link #NONE}; a scheduling implementation plugs in here without touching the Messages handler.
 */
@FunctionalInterface
interface TwilioStatusCallbacks {
  TwilioStatusCallbacks NONE = (accountSid, messageSid, statusCallbackUrl) -> {};

  /**
   * Called once per accepted message, on the request thread; must not block.
   *
   * @param statusCallbackUrl the request's {@code StatusCallback}, or null
   */
  void messageAccepted(String accountSid, String messageSid, String statusCallbackUrl);
}
