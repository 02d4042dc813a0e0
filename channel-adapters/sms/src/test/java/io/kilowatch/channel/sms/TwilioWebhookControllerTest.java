package io.kilowatch.channel.sms;

import static io.kilowatch.channel.ProviderStatus.DELIVERED;
import static io.kilowatch.channel.ProviderStatus.FAILED;
import static io.kilowatch.channel.ProviderStatus.SENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.channel.ChannelSender;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.channel.ProviderStatusUpdate;
import io.kilowatch.channel.SendResult;
import io.kilowatch.sandbox.ProviderSandbox;
import io.kilowatch.sandbox.SandboxSettings;
import io.kilowatch.sandbox.TwilioCallback;
import io.kilowatch.sandbox.TwilioDeliveryOutcome;
import io.kilowatch.testing.TestInfrastructure;
import io.micronaut.core.io.socket.SocketUtils;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sandbox's Twilio calls Kilowatch back as real Twilio would: the SMS sender sets the status
 * callback URL, the sandbox signs and posts status callbacks and inbound SMS, and the webhook
 * endpoints verify them and pass them to the listeners. Security is on; the webhooks need no token.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwilioWebhookControllerTest implements TestPropertyProvider {
  private static final String SID = SandboxSettings.DEFAULT_TWILIO_ACCOUNT_SID;
  private static final String TOKEN = SandboxSettings.DEFAULT_TWILIO_AUTH_TOKEN;
  private static final String OUR_NUMBER = "+15017122661";
  private static final String CUSTOMER = "+4915112345678";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProviderSandbox sandbox = ProviderSandbox.start(SandboxSettings.defaults());
  private final int port = SocketUtils.findAvailableTcpPort();
  private final String base = "http://127.0.0.1:" + port;
  private final String statusUrl = base + TwilioWebhookController.STATUS_PATH;
  private final String inboundUrl = base + TwilioWebhookController.INBOUND_PATH;
  private final WebhookPoster poster = new WebhookPoster();

  @Inject ChannelSender sender;
  @Inject RecordingStatusListener statuses;
  @Inject RecordingInboundListener keywords;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> p = new HashMap<>();
    p.put("spec.name", "TwilioWebhookControllerTest");
    p.put("micronaut.server.port", Integer.toString(port));
    p.put(
        "micronaut.security.token.jwt.signatures.secret.generator.secret",
        TestInfrastructure.jwtSecret());
    p.put("kilowatch.channels.sms.twilio.account-sid", SID);
    p.put("kilowatch.channels.sms.twilio.auth-token", TOKEN);
    p.put("kilowatch.channels.sms.twilio.from-number", OUR_NUMBER);
    p.put("kilowatch.channels.sms.twilio.base-url", sandbox.baseUrl().toString());
    // No public-base-url: it is taken from the status callback URL.
    p.put("kilowatch.channels.sms.twilio.status-callback-url", statusUrl);
    return p;
  }

  @BeforeEach
  void reset() {
    statuses.clear();
    keywords.clear();
    sandbox.twilio().reset().clearCallbacks().inboundUrl(URI.create(inboundUrl));
  }

  @AfterAll
  void stopSandbox() {
    sandbox.close();
  }

  @Test
  void deliveredMessageIsReportedSentThenDelivered() {
    String sid = send("n-delivered", CUSTOMER);

    await().atMost(10, TimeUnit.SECONDS).until(() -> statuses.of(sid).size() == 3);

    List<ProviderStatusUpdate> updates = statuses.of(sid);
    assertThat(updates)
        .extracting(ProviderStatusUpdate::status)
        .containsExactly(SENT, SENT, DELIVERED);
    assertThat(updates)
        .extracting(ProviderStatusUpdate::detail)
        .containsExactly("queued", "sent", "delivered");
    ProviderStatusUpdate delivered = updates.get(2);
    assertThat(delivered.provider()).isEqualTo("twilio");
    assertThat(delivered.providerMessageId()).isEqualTo(sid);
    assertThat(delivered.notificationId()).isEqualTo("n-delivered");
    assertThat(delivered.recipient()).isEqualTo(CUSTOMER);
    assertThat(delivered.errorCode()).isNull();
    assertThat(delivered.occurredAt()).isNotNull();
    await().until(() -> sandbox.twilio().callbacks().size() == 3);
    assertThat(sandbox.twilio().callbacks())
        .allSatisfy(
            c -> {
              assertThat(c.url()).startsWith(statusUrl + "?notificationId=");
              assertThat(c.responseStatus()).isEqualTo(204);
            });
  }

  @Test
  void undeliveredMessageIsReportedFailedWithTwiliosErrorCode() {
    // A notification id with reserved characters: the signed URL carries it percent-encoded.
    String sid = send("n/undelivered ä&x", "+15005550013");

    await().atMost(10, TimeUnit.SECONDS).until(() -> statuses.of(sid).size() == 3);

    ProviderStatusUpdate last = statuses.of(sid).get(2);
    assertThat(last.status()).isEqualTo(FAILED);
    assertThat(last.errorCode()).isEqualTo("30003");
    assertThat(last.detail()).isEqualTo("undelivered 30003");
    assertThat(last.notificationId()).isEqualTo("n/undelivered ä&x");
  }

  @Test
  void messageTheCarrierNeverTookIsReportedFailed() {
    sandbox.twilio().deliveryOutcome(TwilioDeliveryOutcome.failed(30008));
    String sid = send("n-failed", CUSTOMER);

    await().atMost(10, TimeUnit.SECONDS).until(() -> statuses.of(sid).size() == 2);

    assertThat(statuses.of(sid))
        .extracting(ProviderStatusUpdate::status, ProviderStatusUpdate::errorCode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(SENT, null),
            org.assertj.core.groups.Tuple.tuple(FAILED, "30008"));
  }

  @Test
  void aCorrectlySignedPostIsAccepted() {
    // The positive control for the rejections below: same request, right signature.
    HttpResponse<String> response =
        poster.postSigned(
            statusUrl + "?notificationId=n-1",
            statusUrl + "?notificationId=n-1",
            TOKEN,
            statusForm("delivered"));

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(statuses.updates())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.status()).isEqualTo(DELIVERED);
              assertThat(u.notificationId()).isEqualTo("n-1");
            });
  }

  @Test
  void badSignatureIsForbiddenAndNothingIsPassedOn() {
    String wrong =
        new TwilioSignatureValidator("not-the-token")
            .signatureOf(statusUrl, WebhookPoster.multi(statusForm("delivered")));

    HttpResponse<String> response = poster.post(statusUrl, statusForm("delivered"), wrong);

    assertForbidden(response);
    assertThat(statuses.updates()).isEmpty();
  }

  @Test
  void missingSignatureIsForbidden() {
    assertForbidden(poster.post(statusUrl, statusForm("delivered"), null));
    assertThat(statuses.updates()).isEmpty();
  }

  @Test
  void tamperedParameterIsForbidden() {
    String signature =
        new TwilioSignatureValidator(TOKEN)
            .signatureOf(statusUrl, WebhookPoster.multi(statusForm("undelivered")));

    assertForbidden(poster.post(statusUrl, statusForm("delivered"), signature));
    assertThat(statuses.updates()).isEmpty();
  }

  @Test
  void signatureForAnotherUrlIsForbidden() {
    assertForbidden(
        poster.postSigned(
            statusUrl + "?notificationId=n-1",
            statusUrl + "?notificationId=n-2",
            TOKEN,
            statusForm("delivered")));
    assertForbidden(
        poster.postSigned(
            statusUrl,
            "https://hooks.kilowatch.example" + TwilioWebhookController.STATUS_PATH,
            TOKEN,
            statusForm("delivered")));
    assertThat(statuses.updates()).isEmpty();
  }

  @Test
  void unknownAccountIsForbidden() {
    Map<String, String> form = statusForm("delivered");
    form.put("AccountSid", "AC0000000000000000000000000000dead");

    assertForbidden(poster.postSigned(statusUrl, statusUrl, TOKEN, form));
    assertThat(statuses.updates()).isEmpty();
  }

  @Test
  void statusesThatSayNothingAboutDeliveryAreAcknowledgedAndDropped() {
    HttpResponse<String> response =
        poster.postSigned(statusUrl, statusUrl, TOKEN, statusForm("scheduled"));

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(statuses.updates()).isEmpty();
  }

  @Test
  void aFailingListenerMakesTheAnswer500() {
    statuses.failNext();

    HttpResponse<String> response =
        poster.postSigned(statusUrl, statusUrl, TOKEN, statusForm("delivered"));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
  }

  @Test
  void inboundStopWithdrawsConsent() throws Exception {
    TwilioCallback sent =
        sandbox.twilio().inboundSms(CUSTOMER, OUR_NUMBER, " Stop ").get(10, TimeUnit.SECONDS);

    assertThat(sent.responseStatus()).isEqualTo(200);
    assertThat(sent.responseBody()).isEqualTo(TwilioWebhookController.EMPTY_TWIML);
    assertThat(keywords.keywords())
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.type()).isEqualTo(InboundKeyword.Type.OPT_OUT);
              assertThat(k.keyword()).isEqualTo("STOP");
              assertThat(k.from()).isEqualTo(CUSTOMER);
              assertThat(k.to()).isEqualTo(OUR_NUMBER);
              assertThat(k.provider()).isEqualTo("twilio");
              assertThat(k.messageSid()).isEqualTo(sent.messageSid());
              assertThat(k.receivedAt()).isNotNull();
            });
  }

  @ParameterizedTest
  @CsvSource({"START, OPT_IN", "unstop, OPT_IN", "HELP, HELP", "unsubscribe, OPT_OUT"})
  void inboundKeywordsAreRecognised(String body, InboundKeyword.Type type) throws Exception {
    sandbox.twilio().inboundSms(CUSTOMER, OUR_NUMBER, body).get(10, TimeUnit.SECONDS);

    assertThat(keywords.keywords()).extracting(InboundKeyword::type).containsExactly(type);
  }

  @Test
  void otherInboundTextIsAnsweredWithEmptyTwimlAndNotPassedOn() {
    Map<String, String> form = inboundForm("Please stop texting me");

    HttpResponse<String> response = poster.postSigned(inboundUrl, inboundUrl, TOKEN, form);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
    assertThat(response.body()).isEqualTo(TwilioWebhookController.EMPTY_TWIML);
    assertThat(keywords.keywords()).isEmpty();
  }

  @Test
  void advancedOptOutTypeWins() {
    Map<String, String> form = inboundForm("ARRET");
    form.put("OptOutType", "STOP");

    assertThat(poster.postSigned(inboundUrl, inboundUrl, TOKEN, form).statusCode()).isEqualTo(200);

    assertThat(keywords.keywords())
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.type()).isEqualTo(InboundKeyword.Type.OPT_OUT);
              assertThat(k.keyword()).isEqualTo("ARRET");
            });
  }

  @Test
  void inboundWithBadSignatureIsForbiddenAndNothingIsPassedOn() {
    Map<String, String> form = inboundForm("STOP");
    String signature =
        new TwilioSignatureValidator(TOKEN)
            .signatureOf(inboundUrl, WebhookPoster.multi(inboundForm("START")));

    assertForbidden(poster.post(inboundUrl, form, signature));
    assertThat(keywords.keywords()).isEmpty();
  }

  @Test
  void securityIsOnForEverythingElse() {
    assertThat(poster.get(base + "/test/secured").statusCode()).isEqualTo(401);
  }

  private String send(String notificationId, String to) {
    SendResult result =
        sender.send(OutboundMessage.sms(notificationId, to, "Your usage today: 12.4 kWh"));
    assertThat(result).isInstanceOf(SendResult.Accepted.class);
    return ((SendResult.Accepted) result).providerMessageId();
  }

  private static Map<String, String> statusForm(String status) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("SmsSid", "SM0123456789abcdef0123456789abcdef");
    form.put("SmsStatus", status);
    form.put("MessageStatus", status);
    form.put("To", CUSTOMER);
    form.put("MessageSid", "SM0123456789abcdef0123456789abcdef");
    form.put("AccountSid", SID);
    form.put("From", OUR_NUMBER);
    form.put("ApiVersion", "2010-04-01");
    return form;
  }

  private static Map<String, String> inboundForm(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", "SMfedcba9876543210fedcba9876543210");
    form.put("SmsSid", "SMfedcba9876543210fedcba9876543210");
    form.put("AccountSid", SID);
    form.put("From", CUSTOMER);
    form.put("To", OUR_NUMBER);
    form.put("Body", body);
    form.put("NumMedia", "0");
    return form;
  }

  private static void assertForbidden(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    try {
      JsonNode problem = JSON.readTree(response.body());
      assertThat(problem.get("status").asInt()).isEqualTo(403);
      assertThat(problem.get("title").asText()).isEqualTo("Forbidden");
      assertThat(problem.get("detail").asText()).contains("X-Twilio-Signature");
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
