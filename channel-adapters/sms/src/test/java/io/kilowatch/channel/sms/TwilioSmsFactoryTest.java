package io.kilowatch.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.channel.Channel;
import io.kilowatch.channel.ChannelSender;
import io.kilowatch.channel.OutboundMessage;
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
  void backupProfileYieldsASecondSenderNamedTwilioBackupWithItsOwnSenders() {
    Map<String, Object> props = new java.util.HashMap<>();
    props.put("kilowatch.channels.sms.twilio.account-sid", "AC00000000000000000000000000000001");
    props.put("kilowatch.channels.sms.twilio.auth-token", "token-1");
    props.put("kilowatch.channels.sms.twilio.from-number", "+15017122661");
    String backup = "kilowatch.channels.sms.twilio-backup.";
    props.put(backup + "account-sid", "AC00000000000000000000000000000002");
    props.put(backup + "auth-token", "token-2");
    props.put(backup + "messaging-service-sid", "MG00000000000000000000000000000002");
    props.put(backup + "senders.GB", "+447700900002");
    props.put(backup + "senders.DE", "+4915100000002");
    try (ApplicationContext context = ApplicationContext.run(props)) {

      assertThat(context.getBeansOfType(ChannelSender.class))
          .extracting(ChannelSender::provider)
          .containsExactlyInAnyOrder("twilio", "twilio-backup");
      assertThat(
              context
                  .getBean(
                      ChannelSender.class,
                      io.micronaut.inject.qualifiers.Qualifiers.byName("twilio-backup"))
                  .provider())
          .isEqualTo("twilio-backup");
      TwilioBackupSettings settings = context.getBean(TwilioBackupSettings.class);
      assertThat(settings.getAuthToken()).isEqualTo("token-2");
      // Micronaut lower-cases map keys; regions are matched in any case
      TwilioSenders senders = new TwilioSenders(settings);
      assertThat(senders.senderFor(OutboundMessage.sms("n", "+447700900123", "hi")))
          .isEqualTo(new TwilioSenders.Sender("+447700900002", null));
      assertThat(senders.senderFor(OutboundMessage.sms("n", "+4915112345678", "hi")))
          .isEqualTo(new TwilioSenders.Sender("+4915100000002", null));
      assertThat(senders.senderFor(OutboundMessage.sms("n", "+33612345678", "hi")))
          .isEqualTo(new TwilioSenders.Sender(null, "MG00000000000000000000000000000002"));
      assertThat(context.getBean(TwilioSettings.class).getSenders()).isEmpty();
      TwilioWebhookAccounts accounts = context.getBean(TwilioWebhookAccounts.class);
      assertThat(accounts.find("AC00000000000000000000000000000002").provider())
          .isEqualTo("twilio-backup");
      assertThat(accounts.find("AC00000000000000000000000000000001").provider())
          .isEqualTo("twilio");
    }
  }

  @Test
  void withoutAccountSidThereIsNoSmsSender() {
    try (ApplicationContext context = ApplicationContext.run(Map.of("spec.name", "no-twilio"))) {
      assertThat(context.getBeansOfType(ChannelSender.class)).isEmpty();
    }
  }
}
