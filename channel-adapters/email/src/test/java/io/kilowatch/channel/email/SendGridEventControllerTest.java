package io.kilowatch.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowatch.channel.Channel;
import io.kilowatch.channel.ChannelSender;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.channel.ProviderStatus;
import io.kilowatch.channel.ProviderStatusListener;
import io.kilowatch.channel.ProviderStatusUpdate;
import io.kilowatch.channel.SendResult;
import io.kilowatch.sandbox.ProviderSandbox;
import io.kilowatch.sandbox.SandboxSettings;
import io.kilowatch.sandbox.SendGridEvents;
import io.kilowatch.testing.TestInfrastructure;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The event webhook end to end: the SDK sends through the sandbox, the sandbox posts signed events
 * back to the running endpoint, and the endpoint passes verified updates to the listeners. Security
 * is on as in the application (bearer JWT); the endpoint needs no token and no database.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SendGridEventControllerTest implements TestPropertyProvider {
  static final String SPEC = "SendGridEventControllerTest";
  private static final String PRIMARY = "kilowatch.channels.email.sendgrid.";
  private static final String BACKUP = "kilowatch.channels.email.sendgrid-backup.";
  private static final String LISTENER_FAILS = "ntf-listener-fails";

  private final EventSigner primaryKeys = new EventSigner();
  private final EventSigner backupKeys = new EventSigner();
  private final HttpClient http = HttpClient.newHttpClient();
  private ProviderSandbox sandbox;

  @Inject EmbeddedServer server;
  @Inject RecordingListener listener;
  @Inject List<ChannelSender> senders;

  @Override
  public Map<String, String> getProperties() {
    sandbox =
        ProviderSandbox.start(
            SandboxSettings.builder().sendgridEventKeyPair(primaryKeys.keys()).build());
    Map<String, String> p = new HashMap<>();
    p.put("spec.name", SPEC);
    p.put("micronaut.server.port", "-1");
    p.put("micronaut.security.authentication", "bearer");
    p.put("micronaut.security.reject-not-found", "false");
    p.put(
        "micronaut.security.token.jwt.signatures.secret.generator.secret",
        TestInfrastructure.jwtSecret());
    for (String profile : List.of(PRIMARY, BACKUP)) {
      p.put(profile + "api-key", SandboxSettings.DEFAULT_SENDGRID_API_KEY);
      p.put(profile + "from-email", "alerts@stadtwerke.example");
      p.put(profile + "base-url", sandbox.baseUrl().toString());
    }
    p.put(PRIMARY + "event-webhook-public-key", sandbox.sendgrid().events().publicKey());
    p.put(BACKUP + "event-webhook-public-key", backupKeys.publicKey());
    return p;
  }

  @BeforeAll
  void pointTheSandboxAtUs() {
    sandbox.sendgrid().events().webhook(url("sendgrid"));
  }

  @BeforeEach
  void forget() {
    listener.updates.clear();
  }

  @AfterAll
  void stopSandbox() {
    sandbox.close();
  }

  private URI url(String profile) {
    return server.getURI().resolve("/api/v1/providers/" + profile + "/events");
  }

  private ChannelSender sender(String provider) {
    return senders.stream().filter(s -> s.provider().equals(provider)).findFirst().orElseThrow();
  }

  private String send(String notificationId, String to) {
    SendResult result =
        sender("sendgrid")
            .send(
                new OutboundMessage(
                    notificationId, Channel.EMAIL, to, "Price alert", "41.2 ct/kWh", Map.of()));
    assertThat(result).isInstanceOf(SendResult.Accepted.class);
    return ((SendResult.Accepted) result).providerMessageId();
  }

  private List<ProviderStatusUpdate> updatesFor(String notificationId) {
    return listener.updates.stream()
        .filter(u -> notificationId.equals(u.notificationId()))
        .toList();
  }

  private static String now() {
    return Long.toString(Instant.now().getEpochSecond());
  }

  private static String events(String notificationId, String type) {
    return "[{\"email\":\"anna@example.com\",\"timestamp\":"
        + now()
        + ",\"event\":\""
        + type
        + "\",\"sg_event_id\":\"ev-1\",\"sg_message_id\":\"msg-1.filterdrecv-1.0\","
        + "\"notificationId\":\""
        + notificationId
        + "\"}]";
  }

  private HttpResponse<String> post(
      String profile, byte[] body, String signature, String timestamp) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url(profile))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header(SendGridSignatureVerifier.SIGNATURE_HEADER, signature);
    }
    if (timestamp != null) {
      request.header(SendGridSignatureVerifier.TIMESTAMP_HEADER, timestamp);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> postSigned(String profile, EventSigner signer, String body) {
    String timestamp = now();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return post(profile, bytes, signer.sign(timestamp, bytes), timestamp);
  }

  @Test
  void sandboxEventsReachTheListenersWithOurNotificationId() {
    String messageId = send("ntf-e2e-delivered", "anna@example.com");

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(updatesFor("ntf-e2e-delivered"))
                    .extracting(ProviderStatusUpdate::status)
                    .containsExactly(ProviderStatus.SENT, ProviderStatus.DELIVERED));
    assertThat(updatesFor("ntf-e2e-delivered"))
        .allSatisfy(
            u -> {
              assertThat(u.provider()).isEqualTo("sendgrid");
              assertThat(u.providerMessageId()).isEqualTo(messageId);
              assertThat(u.recipient()).isEqualTo("anna@example.com");
            });
    // The sandbox records the post once our answer is back, which is after the listener ran.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(sandbox.sendgrid().events().deliveries())
                    .filteredOn(d -> d.body().contains("ntf-e2e-delivered"))
                    .singleElement()
                    .extracting(SendGridEvents.Delivery::status)
                    .isEqualTo(204));
  }

  @Test
  void bounceIsReportedWithTheAddressToSuppress() {
    send("ntf-e2e-bounce", "bounce@example.com");

    await().atMost(Duration.ofSeconds(10)).until(() -> updatesFor("ntf-e2e-bounce").size() == 2);
    ProviderStatusUpdate bounce = updatesFor("ntf-e2e-bounce").get(1);
    assertThat(bounce.status()).isEqualTo(ProviderStatus.BOUNCED);
    assertThat(bounce.recipient()).isEqualTo("bounce@example.com");
    assertThat(bounce.errorCode()).isEqualTo("5.1.1");
    assertThat(bounce.detail()).startsWith("550 5.1.1");
  }

  @Test
  void spamReportOpenAndClickArriveAsTheRecipientActs() throws Exception {
    send("ntf-e2e-spam", "spamreport@example.com");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(updatesFor("ntf-e2e-spam"))
                    .extracting(ProviderStatusUpdate::status)
                    .containsExactly(
                        ProviderStatus.SENT,
                        ProviderStatus.DELIVERED,
                        ProviderStatus.SPAM_REPORTED));

    send("ntf-e2e-open", "ben@example.com");
    await().atMost(Duration.ofSeconds(10)).until(() -> updatesFor("ntf-e2e-open").size() == 2);
    assertThat(
            sandbox
                .sendgrid()
                .events()
                .emit("open", "ben@example.com")
                .get(10, TimeUnit.SECONDS)
                .status())
        .isEqualTo(204);
    assertThat(
            sandbox
                .sendgrid()
                .events()
                .emit("click", "ben@example.com")
                .get(10, TimeUnit.SECONDS)
                .status())
        .isEqualTo(204);

    assertThat(updatesFor("ntf-e2e-open"))
        .extracting(ProviderStatusUpdate::status)
        .containsExactly(
            ProviderStatus.SENT,
            ProviderStatus.DELIVERED,
            ProviderStatus.OPENED,
            ProviderStatus.CLICKED);
  }

  @Test
  void signatureByAnotherKeyIs401AndNothingIsPassedOn() {
    HttpResponse<String> response =
        postSigned("sendgrid", new EventSigner(), events("ntf-forged", "delivered"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("signature does not match");
    assertThat(updatesFor("ntf-forged")).isEmpty();
  }

  @Test
  void tamperedBodyIs401() {
    String timestamp = now();
    byte[] genuine = events("ntf-tampered", "delivered").getBytes(StandardCharsets.UTF_8);
    String signature = primaryKeys.sign(timestamp, genuine);
    byte[] tampered =
        events("ntf-tampered", "delivered")
            .replace("anna@example.com", "eve@example.com")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(post("sendgrid", tampered, signature, timestamp).statusCode()).isEqualTo(401);
    assertThat(updatesFor("ntf-tampered")).isEmpty();
    assertThat(post("sendgrid", genuine, signature, timestamp).statusCode()).isEqualTo(204);
    assertThat(updatesFor("ntf-tampered")).hasSize(1);
  }

  @Test
  void expiredTimestampIs401EvenWhenCorrectlySigned() {
    String tenMinutesAgo = Long.toString(Instant.now().minusSeconds(600).getEpochSecond());
    byte[] body = events("ntf-replayed", "delivered").getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response =
        post("sendgrid", body, primaryKeys.sign(tenMinutesAgo, body), tenMinutesAgo);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("outside the accepted window");
    assertThat(updatesFor("ntf-replayed")).isEmpty();
  }

  @Test
  void missingSignatureIs401() {
    byte[] body = events("ntf-unsigned", "delivered").getBytes(StandardCharsets.UTF_8);

    assertThat(post("sendgrid", body, null, now()).statusCode()).isEqualTo(401);
    assertThat(post("sendgrid", body, null, null).statusCode()).isEqualTo(401);
    assertThat(updatesFor("ntf-unsigned")).isEmpty();
  }

  @Test
  void correctlySignedButMalformedBodyIs400NamingTheField() {
    HttpResponse<String> notArray = postSigned("sendgrid", primaryKeys, "{\"event\":\"open\"}");
    HttpResponse<String> noTimestamp =
        postSigned(
            "sendgrid",
            primaryKeys,
            "[{\"event\":\"open\",\"sg_message_id\":\"m.1\",\"notificationId\":\"ntf-bad\"}]");

    assertThat(notArray.statusCode()).isEqualTo(400);
    assertThat(notArray.body()).contains("must be a JSON array of events");
    assertThat(noTimestamp.statusCode()).isEqualTo(400);
    assertThat(noTimestamp.body()).contains("[0].timestamp");
    assertThat(updatesFor("ntf-bad")).isEmpty();
  }

  @Test
  void theRawBytesAreVerifiedNotAReserialisedObject() {
    String unusual =
        "[ {\n  \"event\" : \"delivered\",\"email\":\"j\\u00fcrgen@example.com\","
            + " \"timestamp\" : "
            + now()
            + ", \"sg_message_id\":\"m-raw.x\", \"notificationId\":\"ntf-raw\" }\n]\n";

    assertThat(postSigned("sendgrid", primaryKeys, unusual).statusCode()).isEqualTo(204);
    assertThat(updatesFor("ntf-raw"))
        .singleElement()
        .extracting(ProviderStatusUpdate::recipient)
        .isEqualTo("jürgen@example.com");
  }

  @Test
  void backupProfileVerifiesWithItsOwnKeyAndReportsAsSendgridBackup() {
    String body = events("ntf-backup", "delivered");

    assertThat(postSigned("sendgrid-backup", primaryKeys, body).statusCode()).isEqualTo(401);
    assertThat(postSigned("sendgrid-backup", backupKeys, body).statusCode()).isEqualTo(204);
    assertThat(updatesFor("ntf-backup"))
        .singleElement()
        .extracting(ProviderStatusUpdate::provider)
        .isEqualTo("sendgrid-backup");
  }

  @Test
  void listenerFailureIs500SoSendGridPostsTheBatchAgain() {
    assertThat(
            postSigned("sendgrid", primaryKeys, events(LISTENER_FAILS, "delivered")).statusCode())
        .isEqualTo(500);
  }

  @Test
  void bothProfilesAreSendersPickedByProviderName() {
    assertThat(senders).extracting(ChannelSender::provider).contains("sendgrid", "sendgrid-backup");
    assertThat(sender("sendgrid-backup").channel()).isEqualTo(Channel.EMAIL);
  }

  @Test
  void securityIsOnSoTheEndpointIsOpenOnlyBecauseItIsAnonymous() throws Exception {
    HttpResponse<String> secured =
        http.send(
            HttpRequest.newBuilder(server.getURI().resolve("/spec/secured")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(secured.statusCode()).isEqualTo(401);
  }

  /** Stands in for delivery: records what the endpoint passes on. */
  @Singleton
  @Requires(property = "spec.name", value = SPEC)
  static class RecordingListener implements ProviderStatusListener {
    final List<ProviderStatusUpdate> updates = new CopyOnWriteArrayList<>();

    @Override
    public void onStatus(ProviderStatusUpdate update) {
      if (LISTENER_FAILS.equals(update.notificationId())) {
        throw new IllegalStateException("delivery's database is down");
      }
      updates.add(update);
    }
  }

  /** A secured endpoint, to show security is really on in this context. */
  @Controller("/spec")
  @Requires(property = "spec.name", value = SPEC)
  static class SecuredProbe {
    @Get("/secured")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    String secured() {
      return "secret";
    }
  }
}
