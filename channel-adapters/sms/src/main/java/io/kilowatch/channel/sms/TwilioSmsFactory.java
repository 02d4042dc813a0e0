package io.kilowatch.channel.sms;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Registers the Twilio SMS senders as {@link io.kilowatch.channel.ChannelSender} beans: the primary
 * profile when {@code kilowatch.channels.sms.twilio.account-sid} is configured, the backup when
 * {@code kilowatch.channels.sms.twilio-backup.account-sid} is; without either the application runs
 * with no SMS provider. Beans are named by profile ({@code twilio}, {@code twilio-backup});
 * delivery picks a sender by {@link io.kilowatch.channel.ChannelSender#provider} and tries names
 * ending in {@code -backup} after the others (failover).
 */
@Factory
class TwilioSmsFactory {

  @Singleton
  @Named("twilio")
  @Bean(preDestroy = "close")
  @Requires(property = TwilioSettings.ACCOUNT_SID_PROPERTY)
  TwilioSmsSender twilioSmsSender(TwilioSettings settings) {
    return new TwilioSmsSender(settings);
  }

  @Singleton
  @Named("twilio-backup")
  @Bean(preDestroy = "close")
  @Requires(property = TwilioBackupSettings.ACCOUNT_SID_PROPERTY)
  TwilioSmsSender twilioBackupSmsSender(TwilioBackupSettings settings) {
    return new TwilioSmsSender(settings);
  }
}
