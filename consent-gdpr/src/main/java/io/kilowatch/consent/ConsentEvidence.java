package io.kilowatch.consent;

import java.time.Instant;

/**
 * How a grant or withdrawal reached Kilowatch. Validated when recorded: a missing source, actor or
 * text version is refused, naming the field.
 *
 * @param source {@code web}, {@code sms-keyword}, {@code email-unsubscribe}, {@code api}, {@code
 *     staff-phone} or {@code import}
 * @param actor who recorded it: the customer id, a staff member's id, or a system name such as
 *     {@code sms-inbound}
 * @param ipOrIdentity the IP address (web, API) or the channel identity the request came from (the
 *     phone number of an SMS keyword, the email address of an unsubscribe); optional for staff and
 *     imports
 * @param textVersion version of the text the person saw or heard: the consent wording, the
 *     unsubscribe page, or the keyword (e.g. {@code sms-keyword:STOP})
 * @param occurredAt when the person expressed it; null for now; not in the future
 * @param reference the provider's id of the message that carried it (Twilio MessageSid, SendGrid
 *     event id); recording the same source and reference again returns the first entry; optional
 */
public record ConsentEvidence(
    String source,
    String actor,
    String ipOrIdentity,
    String textVersion,
    Instant occurredAt,
    String reference) {
  /** System actor of SMS keywords. */
  public static final String SMS_INBOUND = "sms-inbound";

  /** System actor of email unsubscribe links. */
  public static final String EMAIL_UNSUBSCRIBE_LINK = "email-unsubscribe-link";

  /**
   * An SMS keyword (STOP, START, ...) received from the person's phone.
   *
   * @param keyword the keyword as received, e.g. {@code STOP}
   * @param phone the sender's number in E.164
   * @param messageSid the provider's message id (makes a redelivered webhook harmless)
   * @param receivedAt when the provider received it
   */
  public static ConsentEvidence smsKeyword(
      String keyword, String phone, String messageSid, Instant receivedAt) {
    return new ConsentEvidence(
        "sms-keyword",
        SMS_INBOUND,
        phone,
        "sms-keyword:" + (keyword == null ? "" : keyword.trim().toUpperCase(java.util.Locale.ROOT)),
        receivedAt,
        messageSid);
  }

  /**
   * An unsubscribe link or List-Unsubscribe one-click from an email.
   *
   * @param email the address the email was sent to
   * @param pageVersion version of the unsubscribe page or header text, e.g. {@code unsubscribe/v2}
   * @param reference the link's or the provider event's id, or null
   * @param clickedAt when the person unsubscribed
   */
  public static ConsentEvidence emailUnsubscribe(
      String email, String pageVersion, String reference, Instant clickedAt) {
    return new ConsentEvidence(
        "email-unsubscribe", EMAIL_UNSUBSCRIBE_LINK, email, pageVersion, clickedAt, reference);
  }
}
