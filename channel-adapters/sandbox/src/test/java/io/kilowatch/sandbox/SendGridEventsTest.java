package io.kilowatch.sandbox;

import static io.kilowatch.sandbox.SendGridClient.mail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sandbox's signed SendGrid Event Webhook. */
class SendGridEventsTest {
  private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
  private final MutableClock clock = new MutableClock(NOW);
  private ProviderSandbox sandbox;
  private SendGridClient client;
  private SendGridWebhookReceiver receiver;

  @BeforeEach
  void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.builder().clock(clock).build());
    client = new SendGridClient(sandbox);
    receiver = new SendGridWebhookReceiver();
    sandbox.sendgrid().events().webhook(receiver.url());
  }

  @AfterEach
  void stop() {
    receiver.close();
    sandbox.close();
  }

  @Test
  void acceptedMailPostsProcessedAndDeliveredSignedLikeSendGrid() {
    HttpResponse<String> sent = client.send(mail("anna@example.com"));
    String messageId = sent.headers().firstValue("X-Message-Id").orElseThrow();

    SendGridWebhookReceiver.Received post = receiver.next();

    assertThat(post.header("Content-Type")).isEqualTo("application/json");
    assertThat(post.header(SendGridEvents.TIMESTAMP_HEADER))
        .isEqualTo(Long.toString(NOW.getEpochSecond()));
    assertThat(
            verifies(
                sandbox.sendgrid().events().publicKey(),
                post.header(SendGridEvents.TIMESTAMP_HEADER),
                post.body(),
                post.header(SendGridEvents.SIGNATURE_HEADER)))
        .isTrue();
    JsonNode events = json(post.body());
    assertThat(events).hasSize(2);
    assertThat(events)
        .extracting(e -> e.get("event").asText())
        .containsExactly("processed", "delivered");
    for (JsonNode event : events) {
      assertThat(event.get("email").asText()).isEqualTo("anna@example.com");
      assertThat(event.get("timestamp").asLong()).isEqualTo(NOW.getEpochSecond());
      assertThat(event.get("notificationId").asText()).isEqualTo("ntf-1");
      assertThat(event.get("sg_message_id").asText()).startsWith(messageId + ".");
      assertThat(event.get("smtp-id").asText()).contains(messageId);
    }
    assertThat(events.get(0).get("sg_event_id").asText())
        .isNotEqualTo(events.get(1).get("sg_event_id").asText());
    assertThat(events.get(1).get("response").asText()).isEqualTo("250 2.0.0 OK");
  }

  @Test
  void tamperedBodyOrTimestampNoLongerVerifies() {
    client.send(mail("anna@example.com"));
    SendGridWebhookReceiver.Received post = receiver.next();
    String key = sandbox.sendgrid().events().publicKey();
    String timestamp = post.header(SendGridEvents.TIMESTAMP_HEADER);
    String signature = post.header(SendGridEvents.SIGNATURE_HEADER);

    assertThat(verifies(key, timestamp, post.body().replace("delivered", "bounce"), signature))
        .isFalse();
    assertThat(verifies(key, Long.toString(NOW.getEpochSecond() + 1), post.body(), signature))
        .isFalse();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "anna@example.com, processed delivered",
    "bounce@example.com, processed bounce",
    "Bounce+ntf-7@example.com, processed bounce",
    "blocked@example.com, processed blocked",
    "dropped@example.com, dropped",
    "deferred@example.com, processed deferred delivered",
    "spamreport@example.com, processed delivered spamreport",
    "bouncer@example.com, processed delivered"
  })
  void recipientsLocalPartChoosesTheEvents(String email, String events) {
    assertThat(SendGridEvents.automaticEvents(email)).containsExactly(events.split(" "));
  }

  @Test
  void bounceCarriesTypeStatusAndReason() {
    client.send(mail("bounce@example.com"));

    JsonNode bounce = json(receiver.next().body()).get(1);

    assertThat(bounce.get("event").asText()).isEqualTo("bounce");
    assertThat(bounce.get("type").asText()).isEqualTo("bounce");
    assertThat(bounce.get("status").asText()).isEqualTo("5.1.1");
    assertThat(bounce.get("reason").asText()).startsWith("550 5.1.1");
  }

  @Test
  void blockedIsABounceOfTypeBlocked() {
    client.send(mail("blocked@example.com"));

    JsonNode blocked = json(receiver.next().body()).get(1);

    assertThat(blocked.get("event").asText()).isEqualTo("bounce");
    assertThat(blocked.get("type").asText()).isEqualTo("blocked");
  }

  @Test
  void everyRecipientOfEveryPersonalizationGetsEventsWithItsCustomArgs() {
    ObjectNode mail = mail("anna@example.com");
    ObjectNode first = (ObjectNode) mail.at("/personalizations/0");
    first.putArray("cc").addObject().put("email", "ben@example.com");
    ObjectNode second =
        ((com.fasterxml.jackson.databind.node.ArrayNode) mail.get("personalizations")).addObject();
    second.putArray("to").addObject().put("email", "cleo@example.com");
    second.putObject("custom_args").put("notificationId", "ntf-2");
    mail.putArray("categories").add("price-alert");

    client.send(mail);
    JsonNode events = json(receiver.next().body());

    assertThat(events).hasSize(6);
    List<String> summary = new ArrayList<>();
    events.forEach(
        e ->
            summary.add(
                e.get("email").asText()
                    + " "
                    + e.get("event").asText()
                    + " "
                    + e.get("notificationId").asText()
                    + " "
                    + e.get("category").asText()));
    assertThat(summary)
        .containsExactly(
            "anna@example.com processed ntf-1 price-alert",
            "anna@example.com delivered ntf-1 price-alert",
            "ben@example.com processed ntf-1 price-alert",
            "ben@example.com delivered ntf-1 price-alert",
            "cleo@example.com processed ntf-2 price-alert",
            "cleo@example.com delivered ntf-2 price-alert");
    assertThat(events.get(0).get("sg_message_id").asText())
        .as("one message id per personalization")
        .isEqualTo(events.get(2).get("sg_message_id").asText())
        .isNotEqualTo(events.get(4).get("sg_message_id").asText());
  }

  @Test
  void severalCategoriesAreSentAsAnArray() {
    ObjectNode mail = mail("anna@example.com");
    mail.putArray("categories").add("price-alert").add("tariff");

    client.send(mail);

    assertThat(json(receiver.next().body()).get(0).get("category"))
        .extracting(JsonNode::asText)
        .containsExactly("price-alert", "tariff");
  }

  @Test
  void emitSendsOneEventAboutTheLatestMailToThatAddress() throws Exception {
    client.send(mail("anna@example.com"));
    receiver.next();
    clock.advance(Duration.ofMinutes(3));

    SendGridEvents.Delivery delivery =
        sandbox.sendgrid().events().emit("open", "Anna@Example.com").get(5, TimeUnit.SECONDS);

    assertThat(delivery.status()).isEqualTo(204);
    assertThat(delivery.succeeded()).isTrue();
    SendGridWebhookReceiver.Received post = receiver.next();
    assertThat(post.body()).isEqualTo(delivery.body());
    JsonNode open = json(post.body()).get(0);
    assertThat(open.get("event").asText()).isEqualTo("open");
    assertThat(open.get("timestamp").asLong()).isEqualTo(NOW.plusSeconds(180).getEpochSecond());
    assertThat(open.get("notificationId").asText()).isEqualTo("ntf-1");
    assertThat(open.has("useragent")).isTrue();
  }

  @Test
  void emitRefusesWhatSendGridWouldNeverSend() {
    SendGridEvents events = sandbox.sendgrid().events();
    assertThatThrownBy(() -> events.emit("open", "nobody@example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nobody@example.com");
    client.send(mail("anna@example.com"));
    assertThatThrownBy(() -> events.emit("opened", "anna@example.com"))
        .isInstanceOf(IllegalArgumentException.class);
    events.webhook(null);
    assertThatThrownBy(() -> events.emit("open", "anna@example.com"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void withoutWebhookNothingIsPostedButMailsAreRemembered() throws Exception {
    sandbox.sendgrid().events().webhook(null);
    client.send(mail("anna@example.com"));

    sandbox.sendgrid().events().webhook(receiver.url());
    sandbox.sendgrid().events().emit("click", "anna@example.com").get(5, TimeUnit.SECONDS);

    assertThat(json(receiver.next().body()).get(0).get("event").asText()).isEqualTo("click");
    assertThat(receiver.isEmpty()).as("no events for the mail sent without webhook").isTrue();
    assertThat(sandbox.sendgrid().events().deliveries()).hasSize(1);
  }

  @Test
  void failedMailsEmitNothing() throws Exception {
    sandbox.sendgrid().failNext(1, 500);
    client.send(mail("first@example.com"));
    client.send(mail("second@example.com"));

    assertThat(json(receiver.next().body()).get(0).get("email").asText())
        .isEqualTo("second@example.com");
  }

  @Test
  void deliveriesRecordWhatTheWebhookAnswered() throws Exception {
    receiver.answer(401);
    SendGridEvents events = sandbox.sendgrid().events();
    client.send(mail("anna@example.com"));
    receiver.next();
    // Recorded once the answer is back, which is after the receiver saw the post.
    await().atMost(Duration.ofSeconds(5)).until(() -> events.deliveries().size() == 1);
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    events.webhook(URI.create("http://127.0.0.1:" + closedPort + "/events"));

    SendGridEvents.Delivery refused =
        events.emit("open", "anna@example.com").get(10, TimeUnit.SECONDS);

    assertThat(refused.status()).isZero();
    assertThat(refused.error()).contains("ConnectException");
    assertThat(events.deliveries())
        .extracting(SendGridEvents.Delivery::status)
        .containsExactly(401, 0);
    events.clearDeliveries();
    assertThat(events.deliveries()).isEmpty();
  }

  @Test
  void delayHoldsEventsBack() {
    sandbox.sendgrid().events().delay(Duration.ofMillis(400));

    long sent = System.nanoTime();
    client.send(mail("anna@example.com"));
    SendGridWebhookReceiver.Received post = receiver.next();

    assertThat(Duration.ofNanos(post.receivedNanos() - sent))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void configuredKeyPairSignsTheEvents() {
    KeyPair keys = SendGridEvents.generateKeyPair();
    sandbox.close();
    sandbox = ProviderSandbox.start(SandboxSettings.builder().sendgridEventKeyPair(keys).build());
    client = new SendGridClient(sandbox);
    sandbox.sendgrid().events().webhook(receiver.url());

    client.send(mail("anna@example.com"));
    SendGridWebhookReceiver.Received post = receiver.next();

    String publicKey = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    assertThat(sandbox.sendgrid().events().publicKey()).isEqualTo(publicKey);
    assertThat(
            verifies(
                publicKey,
                post.header(SendGridEvents.TIMESTAMP_HEADER),
                post.body(),
                post.header(SendGridEvents.SIGNATURE_HEADER)))
        .isTrue();
  }

  @Test
  void webhookIsControlledOverHttp() {
    sandbox.sendgrid().events().webhook(null);

    HttpResponse<String> set =
        client.control(
            "/_sandbox/sendgrid/event-webhook",
            "{\"url\":\"" + receiver.url() + "\",\"delayMillis\":0}");
    assertThat(set.statusCode()).isEqualTo(204);
    HttpResponse<String> settings = client.get("/_sandbox/sendgrid/event-webhook", null);
    assertThat(json(settings.body()).get("url").asText()).isEqualTo(receiver.url().toString());
    assertThat(json(settings.body()).get("publicKey").asText())
        .isEqualTo(sandbox.sendgrid().events().publicKey());

    client.send(mail("anna@example.com"));
    receiver.next();
    assertThat(
            client
                .control(
                    "/_sandbox/sendgrid/emit",
                    "{\"event\":\"spamreport\",\"email\":\"anna@example.com\"}")
                .statusCode())
        .isEqualTo(204);
    assertThat(json(receiver.next().body()).get(0).get("event").asText()).isEqualTo("spamreport");
    assertThat(
            client
                .control("/_sandbox/sendgrid/emit", "{\"event\":\"open\",\"email\":\"x@y.z\"}")
                .statusCode())
        .isEqualTo(400);
    HttpResponse<String> deliveries = client.get("/_sandbox/sendgrid/deliveries", null);
    assertThat(deliveries.statusCode()).isEqualTo(200);
    assertThat(json(deliveries.body()).get(0).get("status").asInt()).isEqualTo(204);
  }

  static boolean verifies(String publicKey, String timestamp, String body, String signature) {
    try {
      PublicKey key =
          KeyFactory.getInstance("EC")
              .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(key);
      verifier.update(timestamp.getBytes(StandardCharsets.UTF_8));
      verifier.update(body.getBytes(StandardCharsets.UTF_8));
      return verifier.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(String body) {
    try {
      return SandboxClient.JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
