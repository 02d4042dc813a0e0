package io.kilowatch.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.channel.Channel;
import io.kilowatch.channel.ChannelSender;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Micronaut wiring: a guard always, a sender exactly when the channel is switched on. */
class WebhookFactoryTest {
  private static final String SECRET = "whsec_demo_0123456789abcdef0123456789abcdef";

  private static ApplicationContext run(Map<String, Object> properties) {
    Map<String, Object> all = new HashMap<>(properties);
    all.put("spec.name", "webhook-factory");
    return ApplicationContext.run(all);
  }

  @Test
  void enabledChannelYieldsOneWebhookSenderWithTheConfiguredKeys() {
    try (ApplicationContext context =
        run(
            Map.of(
                "kilowatch.channels.webhook.enabled", "true",
                "kilowatch.channels.webhook.signing-keys.kwA-2026", SECRET,
                "kilowatch.channels.webhook.signing-keys.k2025_b", SECRET.replace('0', 'x'),
                "kilowatch.channels.webhook.current-key-id", "kwA-2026",
                "kilowatch.channels.webhook.request-timeout", "3s",
                "kilowatch.channels.webhook.allowed-hosts", List.of("*.partner.example"),
                "kilowatch.channels.webhook.provider", "webhook-partner"))) {

      assertThat(context.getBeansOfType(ChannelSender.class))
          .singleElement()
          .satisfies(
              sender -> {
                assertThat(sender).isInstanceOf(WebhookSender.class);
                assertThat(sender.channel()).isEqualTo(Channel.WEBHOOK);
                assertThat(sender.provider()).isEqualTo("webhook-partner");
                assertThat(((WebhookSender) sender).currentKeyId())
                    .as("key ids keep their case and dashes")
                    .isEqualTo("kwA-2026");
              });
      WebhookSettings settings = context.getBean(WebhookSettings.class);
      assertThat(settings.getSigningKeys()).containsOnlyKeys("kwA-2026", "k2025_b");
      assertThat(settings.getRequestTimeout()).isEqualTo(Duration.ofSeconds(3));
      assertThat(settings.isRequireHttps()).isTrue();
      assertThat(settings.isAllowPrivateNetworks()).isFalse();
      assertThat(context.getBean(EndpointGuard.class).check("https://hooks.example.org/h"))
          .contains("host hooks.example.org is not in the allowed hosts");
    }
  }

  @Test
  void aSigningKeyAloneSwitchesTheSenderOn() {
    try (ApplicationContext context =
        run(Map.of("kilowatch.channels.webhook.signing-keys.k1", SECRET))) {
      assertThat(context.getBeansOfType(WebhookSender.class)).hasSize(1);
    }
  }

  @Test
  void enabledFalseWinsOverConfiguredKeys() {
    try (ApplicationContext context =
        run(
            Map.of(
                "kilowatch.channels.webhook.enabled",
                "false",
                "kilowatch.channels.webhook.signing-keys.k1",
                SECRET))) {
      assertThat(context.getBeansOfType(ChannelSender.class)).isEmpty();
    }
  }

  @Test
  void withoutConfigurationThereIsNoSenderButAGuardWithTheProductionPolicy() {
    try (ApplicationContext context = run(Map.of())) {
      assertThat(context.getBeansOfType(ChannelSender.class)).isEmpty();
      EndpointGuard guard = context.getBean(EndpointGuard.class);
      assertThat(guard.check("http://hooks.example.org/h")).contains("https is required");
      assertThat(guard.check("https://127.0.0.1/h")).isPresent();
    }
  }
}
