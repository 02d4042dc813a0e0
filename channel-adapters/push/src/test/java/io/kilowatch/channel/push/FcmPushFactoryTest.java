package io.kilowatch.channel.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.channel.Channel;
import io.kilowatch.channel.ChannelSender;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.channel.SendResult;
import io.kilowatch.sandbox.ProviderSandbox;
import io.kilowatch.sandbox.RecordedRequest;
import io.kilowatch.sandbox.SandboxSettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Micronaut wiring: one sender bean per configured FCM profile. */
class FcmPushFactoryTest {

  @Test
  void primaryAndBackupProfilesYieldTwoIndependentSenders() {
    try (ProviderSandbox sandbox = ProviderSandbox.start(SandboxSettings.defaults())) {
      Map<String, Object> properties = new HashMap<>();
      properties.put("kilowatch.channels.push.fcm.project-id", "kilowatch-primary");
      properties.put(
          "kilowatch.channels.push.fcm.access-token", SandboxSettings.DEFAULT_FCM_ACCESS_TOKEN);
      properties.put("kilowatch.channels.push.fcm.base-url", sandbox.baseUrl().toString());
      properties.put("kilowatch.channels.push.fcm.read-timeout", "3s");
      properties.put("kilowatch.channels.push.fcm.ttl", "1h");
      properties.put("kilowatch.channels.push.fcm.android-priority", "high");
      properties.put("kilowatch.channels.push.fcm-backup.project-id", "kilowatch-backup");
      properties.put(
          "kilowatch.channels.push.fcm-backup.access-token",
          SandboxSettings.DEFAULT_FCM_ACCESS_TOKEN);
      properties.put("kilowatch.channels.push.fcm-backup.base-url", sandbox.baseUrl().toString());

      try (ApplicationContext context = ApplicationContext.run(properties)) {
        assertThat(context.getBeansOfType(ChannelSender.class))
            .extracting(ChannelSender::provider)
            .containsExactlyInAnyOrder("fcm", "fcm-backup");
        ChannelSender backup =
            context.getBean(ChannelSender.class, Qualifiers.byName("fcm-backup"));
        ChannelSender primary = context.getBean(ChannelSender.class, Qualifiers.byName("fcm"));
        assertThat(primary.channel()).isEqualTo(Channel.PUSH);

        OutboundMessage push =
            new OutboundMessage(
                "ntf-1", Channel.PUSH, FcmPushSenderTest.DEVICE, "t", "b", Map.of());
        assertThat(backup.send(push)).isInstanceOf(SendResult.Accepted.class);
        assertThat(primary.send(push)).isInstanceOf(SendResult.Accepted.class);

        FcmSettings primarySettings = context.getBean(FcmSettings.class);
        assertThat(primarySettings.getReadTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(primarySettings.getTtl()).isEqualTo(Duration.ofHours(1));
        FcmBackupSettings backupSettings = context.getBean(FcmBackupSettings.class);
        assertThat(backupSettings.getTtl()).as("nothing inherited from the primary").isNull();
        assertThat(backupSettings.getAndroidPriority()).isEqualTo("normal");
      }
      assertThat(sandbox.requests())
          .extracting(RecordedRequest::path)
          .containsExactly(
              "/v1/projects/kilowatch-backup/messages:send",
              "/v1/projects/kilowatch-primary/messages:send");
    }
  }

  @Test
  void withoutProjectIdThereIsNoPushSender() {
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.of("spec.name", "no-fcm", "kilowatch.channels.push.fcm.access-token", "x"))) {
      assertThat(context.getBeansOfType(ChannelSender.class)).isEmpty();
    }
  }
}
