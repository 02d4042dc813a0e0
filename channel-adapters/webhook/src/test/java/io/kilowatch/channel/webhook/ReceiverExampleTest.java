package io.kilowatch.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.channel.Channel;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.channel.SendResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's receiver-side example is this module's {@code ReceiverExample.java}, compiled and
 * run against real deliveries here, and copied into the README verbatim (checked).
 */
class ReceiverExampleTest {
  private static final String KEY = "k2026a";
  private static final String SECRET = "whsec_demo_0123456789abcdef0123456789abcdef";
  private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

  @Test
  void plainJavaExampleAcceptsARealDeliveryAndRejectsForgeries() throws Exception {
    TestReceiver.Received delivery = deliver("{\"id\":\"evt-1\",\"text\":\"Grüße\"}");
    String header = delivery.header(WebhookHeaders.SIGNATURE);
    long now = NOW.getEpochSecond();
    Map<String, String> secrets =
        Map.of("k2025b", "whsec_old_fedcba9876543210fedcba98", KEY, SECRET);

    assertThat(KilowatchSignature.isValid(header, delivery.body(), secrets, now + 10)).isTrue();
    assertThat(KilowatchSignature.isValid(header, delivery.body(), Map.of(KEY, SECRET + "x"), now))
        .as("wrong secret")
        .isFalse();
    assertThat(
            KilowatchSignature.isValid(
                header, "{\"id\":\"evt-2\"}".getBytes(StandardCharsets.UTF_8), secrets, now))
        .as("tampered body")
        .isFalse();
    assertThat(KilowatchSignature.isValid(header, delivery.body(), secrets, now + 301))
        .as("replayed after the tolerance")
        .isFalse();
    assertThat(KilowatchSignature.isValid(header, delivery.body(), Map.of("k2025b", SECRET), now))
        .as("unknown key id")
        .isFalse();
    assertThat(KilowatchSignature.isValid(null, delivery.body(), secrets, now)).isFalse();
    assertThat(KilowatchSignature.isValid("t=x,kid=k2026a,v1=00", delivery.body(), secrets, now))
        .isFalse();
  }

  @Test
  void readmeShowsTheExampleVerbatim() throws IOException {
    String source =
        Files.readString(
            Path.of("src/test/java/io/kilowatch/channel/webhook/ReceiverExample.java"));
    String example =
        source.substring(
            source.indexOf("// tag::receiver[]") + "// tag::receiver[]".length(),
            source.indexOf("// end::receiver[]"));

    assertThat(Files.readString(Path.of("README.md"))).contains(example.strip());
  }

  private static TestReceiver.Received deliver(String body) throws IOException {
    WebhookSettings settings = new WebhookSettings();
    settings.setSigningKeys(Map.of(KEY, SECRET));
    settings.setRequireHttps(false);
    settings.setAllowPrivateNetworks(true);
    WebhookSender sender =
        new WebhookSender(settings, new EndpointGuard(settings), Clock.fixed(NOW, ZoneOffset.UTC));
    try (TestReceiver receiver = TestReceiver.start()) {
      SendResult result =
          sender.send(
              new OutboundMessage(
                  "ntf-1",
                  Channel.WEBHOOK,
                  receiver.url("/hook").toString(),
                  null,
                  body,
                  Map.of()));
      assertThat(result).isInstanceOf(SendResult.Accepted.class);
      assertThat(receiver.received()).hasSize(1);
      return receiver.received().get(0);
    }
  }
}
