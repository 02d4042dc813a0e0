package io.kilowatch.channel.email;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Registers the SendGrid email senders as {@link io.kilowatch.channel.ChannelSender} beans and
 * their event webhooks: the primary profile when {@code kilowatch.channels.email.sendgrid.api-key}
 * is set, the backup when {@code kilowatch.channels.email.sendgrid-backup.api-key} is set; a
 * profile's webhook when its {@code event-webhook-public-key} is set. Without any, the application
 * runs with no email provider. Beans are named by profile ({@code sendgrid}, {@code
 * sendgrid-backup}); delivery picks a sender by {@link
 * io.kilowatch.channel.ChannelSender#provider}. Time comes from the application's {@link Clock}
 * bean when there is one.
 */
@Factory
class SendGridEmailFactory {

  @Singleton
  @Named("sendgrid")
  @Bean(preDestroy = "close")
  @Requires(property = SendGridSettings.API_KEY_PROPERTY)
  SendGridEmailSender sendGridEmailSender(SendGridSettings settings, @Nullable Clock clock) {
    return new SendGridEmailSender(settings, orSystem(clock));
  }

  @Singleton
  @Named("sendgrid-backup")
  @Bean(preDestroy = "close")
  @Requires(property = SendGridBackupSettings.API_KEY_PROPERTY)
  SendGridEmailSender sendGridBackupEmailSender(
      SendGridBackupSettings settings, @Nullable Clock clock) {
    return new SendGridEmailSender(settings, orSystem(clock));
  }

  @Singleton
  @Named("sendgrid")
  @Requires(property = SendGridSettings.EVENT_WEBHOOK_PUBLIC_KEY_PROPERTY)
  SendGridEventWebhook sendGridEventWebhook(SendGridSettings settings, @Nullable Clock clock) {
    return new SendGridEventWebhook(settings, orSystem(clock));
  }

  @Singleton
  @Named("sendgrid-backup")
  @Requires(property = SendGridBackupSettings.EVENT_WEBHOOK_PUBLIC_KEY_PROPERTY)
  SendGridEventWebhook sendGridBackupEventWebhook(
      SendGridBackupSettings settings, @Nullable Clock clock) {
    return new SendGridEventWebhook(settings, orSystem(clock));
  }

  private static Clock orSystem(Clock clock) {
    return clock != null ? clock : Clock.systemUTC();
  }
}
