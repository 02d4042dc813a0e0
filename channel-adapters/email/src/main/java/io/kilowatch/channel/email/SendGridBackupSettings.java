package io.kilowatch.channel.email;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The backup SendGrid profile (a second account or sender pool that delivery fails over to), {@code
 * kilowatch.channels.email.sendgrid-backup.*}; provider name {@code sendgrid-backup} unless
 * configured otherwise. Same keys as {@link SendGridSettings}; nothing is inherited from the
 * primary profile.
 */
@ConfigurationProperties(SendGridBackupSettings.PREFIX)
public class SendGridBackupSettings extends SendGridAccountSettings {
  public static final String PREFIX = "kilowatch.channels.email.sendgrid-backup";

  /** Property whose presence switches the backup SendGrid sender on. */
  public static final String API_KEY_PROPERTY = PREFIX + ".api-key";

  /** Property whose presence switches the backup profile's event webhook on. */
  public static final String EVENT_WEBHOOK_PUBLIC_KEY_PROPERTY =
      PREFIX + ".event-webhook-public-key";

  public SendGridBackupSettings() {
    super("sendgrid-backup");
  }

  @Override
  public String prefix() {
    return PREFIX;
  }

  @Override
  public String webhookPath() {
    return "sendgrid-backup";
  }
}
