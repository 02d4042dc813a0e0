package io.kilowatch.channel.email;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The primary SendGrid profile, {@code kilowatch.channels.email.sendgrid.*}; provider name {@code
 * sendgrid} unless configured otherwise. See {@link SendGridAccountSettings} for the keys.
 */
@ConfigurationProperties(SendGridSettings.PREFIX)
public class SendGridSettings extends SendGridAccountSettings {
  public static final String PREFIX = "kilowatch.channels.email.sendgrid";

  /** Property whose presence switches the primary SendGrid sender on. */
  public static final String API_KEY_PROPERTY = PREFIX + ".api-key";

  /** Property whose presence switches the primary profile's event webhook on. */
  public static final String EVENT_WEBHOOK_PUBLIC_KEY_PROPERTY =
      PREFIX + ".event-webhook-public-key";

  public SendGridSettings() {
    super("sendgrid");
  }

  @Override
  public String prefix() {
    return PREFIX;
  }

  @Override
  public String webhookPath() {
    return "sendgrid";
  }
}
