package io.kilowatch.templates.domain;

/**
 * The length limits validation applies, checked on the text rendered with the declared sample
 * values. Warnings leave the version usable; errors stop it.
 */
public final class Limits {
  /** SMS: more segments than this is a warning (cost, and some handsets show parts apart). */
  public static final int SMS_SEGMENTS_WARNING = 2;

  /** SMS: Twilio refuses bodies over 1600 characters; an error. */
  public static final int SMS_MAX_CHARACTERS = 1600;

  /** Email subject: RFC 5322 recommends lines of at most 78 characters; longer is a warning. */
  public static final int EMAIL_SUBJECT_RECOMMENDED = 78;

  /** Email subject: RFC 5322's hard limit for a header line; longer is an error. */
  public static final int EMAIL_SUBJECT_MAX = 998;

  /** Email HTML: Gmail clips messages over 102 KB; over this many bytes is a warning. */
  public static final int EMAIL_HTML_BYTES_WARNING = 100_000;

  /**
   * Push title: iOS and Android cut titles at about 65 characters on the lock screen; a warning.
   */
  public static final int PUSH_TITLE_RECOMMENDED = 65;

  /** Push body: about four lines of a collapsed notification; longer is a warning. */
  public static final int PUSH_BODY_RECOMMENDED = 240;

  /**
   * Push: title and body together, in UTF-8 bytes. APNs and FCM refuse payloads over 4096 bytes;
   * this leaves room for the data and envelope. Over it is an error.
   */
  public static final int PUSH_PAYLOAD_MAX_BYTES = 3500;

  /** Webhook body in UTF-8 bytes; over it is an error. */
  public static final int WEBHOOK_BODY_MAX_BYTES = 64 * 1024;

  private Limits() {}
}
