package io.kilowatch.channel.sms;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The primary Twilio profile, {@code kilowatch.channels.sms.twilio.*} (keys in {@link
 * TwilioAccountSettings}); provider name {@code twilio} unless configured otherwise.
 */
@ConfigurationProperties(TwilioSettings.PREFIX)
public class TwilioSettings extends TwilioAccountSettings {
  public static final String PREFIX = "kilowatch.channels.sms.twilio";

  /** Property whose presence switches the Twilio sender on. */
  public static final String ACCOUNT_SID_PROPERTY = PREFIX + ".account-sid";

  public TwilioSettings() {
    super("twilio");
  }

  @Override
  public String prefix() {
    return PREFIX;
  }
}
