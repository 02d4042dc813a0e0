package io.kilowatch.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowatch.channel.Channel;
import io.kilowatch.channel.ChannelSender;
import io.kilowatch.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Micronaut wiring: a sender per configured profile, a webhook per configured key. */
class SendGridEmailFactoryTest {
  private static final String PRIMARY = "kilowatch.channels.email.sendgrid.";
  private static final String BACKUP = "kilowatch.channels.email.sendgrid-backup.";

  private static Map<String, Object> primary() {
    Map<String, Object> p = new HashMap<>();
    p.put("spec.name", "SendGridEmailFactoryTest");
    p.put(PRIMARY + "api-key", "SG.primary");
    p.put(PRIMARY + "from-email", "alerts@stadtwerke.example");
    p.put(PRIMARY + "base-url", "http://127.0.0.1:1");
    p.put(PRIMARY + "response-timeout", "3s");
    p.put(PRIMARY + "max-connections", "50");
    p.put(PRIMARY + "event-webhook-max-age", "2m");
    return p;
  }

  @Test
  void primaryProfileYieldsOneEmailSenderWithItsSettings() {
    try (ApplicationContext context = ApplicationContext.run(primary())) {
      assertThat(context.getBeansOfType(ChannelSender.class))
          .singleElement()
          .satisfies(
              sender -> {
                assertThat(sender).isInstanceOf(SendGridEmailSender.class);
                assertThat(sender.channel()).isEqualTo(Channel.EMAIL);
                assertThat(sender.provider()).isEqualTo("sendgrid");
              });
      SendGridSettings settings = context.getBean(SendGridSettings.class);
      assertThat(settings.getResponseTimeout()).isEqualTo(Duration.ofSeconds(3));
      assertThat(settings.getMaxConnections()).isEqualTo(50);
      assertThat(settings.getMaxConnectionsPerRoute()).isEqualTo(200);
      assertThat(settings.getEventWebhookMaxAge()).isEqualTo(Duration.ofMinutes(2));
      assertThat(context.getBeansOfType(SendGridEventWebhook.class)).isEmpty();
    }
  }

  @Test
  void backupProfileIsASecondSenderWithOnlyItsOwnKeys() {
    Map<String, Object> p = primary();
    p.put(BACKUP + "api-key", "SG.backup");
    p.put(BACKUP + "from-email", "alerts@pool-b.stadtwerke.example");

    try (ApplicationContext context = ApplicationContext.run(p)) {
      assertThat(context.getBeansOfType(ChannelSender.class))
          .extracting(ChannelSender::provider)
          .containsExactlyInAnyOrder("sendgrid", "sendgrid-backup");
      SendGridBackupSettings backup = context.getBean(SendGridBackupSettings.class);
      assertThat(backup.getFromEmail()).isEqualTo("alerts@pool-b.stadtwerke.example");
      assertThat(backup.getBaseUrl()).as("not inherited from the primary").isNull();
      assertThat(backup.getResponseTimeout()).isEqualTo(Duration.ofSeconds(15));
      assertThat(context.getBean(SendGridSettings.class).getFromEmail())
          .isEqualTo("alerts@stadtwerke.example");
    }
  }

  @Test
  void eachProfilesPublicKeySwitchesItsWebhookOn() {
    Map<String, Object> p = primary();
    p.put(PRIMARY + "event-webhook-public-key", new EventSigner().publicKey());
    p.put(BACKUP + "event-webhook-public-key", new EventSigner().publicKey());

    try (ApplicationContext context = ApplicationContext.run(p)) {
      assertThat(context.getBeansOfType(SendGridEventWebhook.class))
          .extracting(SendGridEventWebhook::path, SendGridEventWebhook::provider)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("sendgrid", "sendgrid"),
              org.assertj.core.groups.Tuple.tuple("sendgrid-backup", "sendgrid-backup"));
      assertThat(context.getBeansOfType(ChannelSender.class))
          .as("a webhook without api-key sends nothing")
          .hasSize(1);
    }
  }

  @Test
  void unusablePublicKeyFailsWithThePropertyName() {
    Map<String, Object> p = primary();
    p.put(PRIMARY + "event-webhook-public-key", "not-a-key");

    try (ApplicationContext context = ApplicationContext.run(p)) {
      assertThatThrownBy(() -> context.getBeansOfType(SendGridEventWebhook.class))
          .isInstanceOf(BeanInstantiationException.class)
          .hasStackTraceContaining("kilowatch.channels.email.sendgrid.event-webhook-public-key");
    }
  }

  @Test
  void webhookOfAProfileWithoutKeyAnswers404() throws Exception {
    Map<String, Object> p = primary();
    p.put(BACKUP + "event-webhook-public-key", new EventSigner().publicKey());
    p.put("micronaut.server.port", "-1");
    p.put(
        "micronaut.security.token.jwt.signatures.secret.generator.secret",
        TestInfrastructure.jwtSecret());

    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, p)) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          server.getURI().resolve("/api/v1/providers/sendgrid/events"))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString("[]"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).contains("no SendGrid event webhook is configured for sendgrid");
    }
  }

  @Test
  void withoutApiKeyThereIsNoEmailSender() {
    try (ApplicationContext context =
        ApplicationContext.run(Map.of("spec.name", "SendGridEmailFactoryTest-empty"))) {
      assertThat(context.getBeansOfType(ChannelSender.class)).isEmpty();
      assertThat(context.getBeansOfType(SendGridEventWebhook.class)).isEmpty();
    }
  }
}
