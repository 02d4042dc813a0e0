package io.kilowatch.channel;

/**
 * What a provider reports about a message after accepting it, in Kilowatch's own terms. Adapters
 * map their provider's webhook vocabulary (Twilio's {@code delivered}/{@code undelivered},
 * SendGrid's {@code bounce}/{@code open}, ...) onto these values.
 */
public enum ProviderStatus {
  /** Queued or sent on by the provider, not yet confirmed at the recipient. */
  SENT,
  /** Reached the handset, mailbox or device. */
  DELIVERED,
  /** Could not be delivered (carrier failure, undeliverable). */
  FAILED,
  /** The mailbox rejected it; the address should no longer be used. */
  BOUNCED,
  /** The provider refused to send it (suppression list, invalid). */
  DROPPED,
  /** The recipient opened it (email). */
  OPENED,
  /** The recipient followed a link in it. */
  CLICKED,
  /** The recipient unsubscribed through the provider (list-unsubscribe, STOP). */
  UNSUBSCRIBED,
  /** The recipient marked it as spam; the address should no longer be used for marketing. */
  SPAM_REPORTED
}
