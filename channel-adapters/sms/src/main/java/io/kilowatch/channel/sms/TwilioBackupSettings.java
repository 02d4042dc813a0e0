package io.kilowatch.channel.sms;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The backup Twilio profile (a second account or sender pool that delivery fails over to), {@code
 * kilowatch.channels.sms.twilio-backup.*}; provider name {@code twilio-backup} unless configured
 * otherwise, which delivery orders after the primary. Same keys as {@link TwilioSettings}; nothing
 * is inherited from the primary profile. Its status callbacks come to the same endpoint and are
 * verified with this account's auth token, chosen by the {@code AccountSid} Twilio sends.
 */
@ConfigurationProperties(TwilioBackupSettings.PREFIX)
public class TwilioBackupSettings extends TwilioAccountSettings {
  public static final String PREFIX = "kilowatch.channels.sms.twilio-backup";

  /** Property whose presence switches the backup Twilio sender on. */
  public static final String ACCOUNT_SID_PROPERTY = PREFIX + ".account-sid";

  public TwilioBackupSettings() {
    super("twilio-backup");
  }

  @Override
  public String prefix() {
    return PREFIX;
  }
}
