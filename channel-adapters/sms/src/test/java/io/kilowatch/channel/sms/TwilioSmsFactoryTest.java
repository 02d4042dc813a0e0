package io.kilowatch.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.channel.Channel;
import io.kilowatch.channel.ChannelSender;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Micronaut wiring: a sender bean exactly when an account is configured. */
class TwilioSmsFactoryTest {

  @Test
  void configuredAccountYieldsOneSmsSender() {
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.of(
                "kilowatch.channels.sms.twilio.account-sid", "AC00000000000000000000000000000001",
                "kilowatch.channels.sms.twilio.auth-token", "token",
                "kilowatch.channels.sms.twilio.from-number", "+15017122661",
                "kilowatch.channels.sms.twilio.provider", "twilio-backup",
                "kilowatch.channels.sms.twilio.base-url", "http://127.0.0.1:1",
                "kilowatch.channels.sms.twilio.response-timeout", "3s",
                "kilowatch.channels.sms.twilio.max-connections", "50"))) {

      assertThat(context.getBeansOfType(ChannelSender.class))
          .singleElement()
          .satisfies(
              sender -> {
                assertThat(sender).isInstanceOf(TwilioSmsSender.class);
                assertThat(sender.channel()).isEqualTo(Channel.SMS);
                assertThat(sender.provider()).isEqualTo("twilio-backup");
              });
      TwilioSettings settings = context.getBean(TwilioSettings.class);
      assertThat(settings.getResponseTimeout()).isEqualTo(Duration.ofSeconds(3));
      assertThat(settings.getMaxConnections()).isEqualTo(50);
      assertThat(settings.getMaxConnectionsPerRoute()).isEqualTo(200);
    }
  }

  @Test
  void withoutAccountSidThereIsNoSmsSender() {
    try (ApplicationContext context = ApplicationContext.run(Map.of("spec.name", "no-twilio"))) {
      assertThat(context.getBeansOfType(ChannelSender.class)).isEmpty();
    }
  }
}
