package io.kilowatch.channel.sms;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * Registers the Twilio SMS sender as a {@link io.kilowatch.channel.ChannelSender} bean when {@code
 * kilowatch.channels.sms.twilio.account-sid} is configured; without it the application runs with no
 * SMS provider.
 */
@Factory
@Requires(property = TwilioSettings.ACCOUNT_SID_PROPERTY)
class TwilioSmsFactory {

  @Singleton
  @Bean(preDestroy = "close")
  TwilioSmsSender twilioSmsSender(TwilioSettings settings) {
    return new TwilioSmsSender(settings);
  }
}
