package io.kilowatch.sandbox;

import static io.kilowatch.sandbox.SandboxClient.SID;
import static io.kilowatch.sandbox.SandboxClient.TOKEN;
import static io.kilowatch.sandbox.SandboxClient.json;
import static io.kilowatch.sandbox.SandboxClient.sms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks the sandbox's Twilio sends: signed status callbacks and inbound SMS. */
class TwilioCallbacksTest {
  private static final String CUSTOMER = "+4915112345678";
  private static final String OUR_NUMBER = "+15017122661";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
  private ProviderSandbox sandbox;
  private SandboxClient client;
  private TwilioWebhookReceiver app;

  @BeforeEach
  void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.builder().clock(clock).build());
    client = new SandboxClient(sandbox);
    app = new TwilioWebhookReceiver();
  }

  @AfterEach
  void stop() {
    sandbox.close();
    app.close();
  }

  @Test
  void twilioSignatureMatchesTwiliosPublishedExample() {
    // The example of Twilio's own request validator tests (twilio-java RequestValidatorTest).
    String signature =
        TwilioSignature.sign(
            "12345",
            "https://mycompany.com/myapp.php?foo=1&bar=2",
            Map.of(
                "Digits", "1234",
                "CallSid", "CA1234567890ABCDE",
                "To", "+18005551212",
                "Caller", "+14158675309",
                "From", "+14158675309"));

    assertThat(signature).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
  }

  @Test
  void acceptedMessageIsReportedQueuedSentDeliveredSignedLikeTwilio() {
    String callbackUrl = app.url("/api/v1/providers/twilio/status?notificationId=n-1");
    String sid = createMessage(CUSTOMER, callbackUrl);

    await().atMost(5, TimeUnit.SECONDS).until(() -> app.received().size() == 3);

    List<TwilioWebhookReceiver.Received> received = app.received();
    assertThat(received)
        .extracting(r -> r.param("MessageStatus"))
        .containsExactly("queued", "sent", "delivered");
    for (TwilioWebhookReceiver.Received r : received) {
      assertThat(r.path()).isEqualTo("/api/v1/providers/twilio/status");
      assertThat(r.rawQuery()).isEqualTo("notificationId=n-1");
      assertThat(r.contentType()).startsWith("application/x-www-form-urlencoded");
      assertThat(r.userAgent()).isEqualTo("TwilioProxy/1.1");
      assertThat(r.param("MessageSid")).isEqualTo(sid);
      assertThat(r.param("SmsSid")).isEqualTo(sid);
      assertThat(r.param("SmsStatus")).isEqualTo(r.param("MessageStatus"));
      assertThat(r.param("AccountSid")).isEqualTo(SID);
      assertThat(r.param("From")).isEqualTo(OUR_NUMBER);
      assertThat(r.param("To")).isEqualTo(CUSTOMER);
      assertThat(r.param("ApiVersion")).isEqualTo("2010-04-01");
      assertThat(r.param("ErrorCode")).isNull();
      assertThat(r.signature())
          .isEqualTo(TwilioSignature.sign(TOKEN, callbackUrl, r.singleValued()))
          .isNotEqualTo(TwilioSignature.sign("another-token", callbackUrl, r.singleValued()));
    }
    await().until(() -> sandbox.twilio().callbacks().size() == 3);
    assertThat(sandbox.twilio().callbacks())
        .allSatisfy(
            c -> {
              assertThat(c.kind()).isEqualTo(TwilioCallback.Kind.STATUS);
              assertThat(c.messageSid()).isEqualTo(sid);
              assertThat(c.url()).isEqualTo(callbackUrl);
              assertThat(c.responseStatus()).isEqualTo(204);
              assertThat(c.answered2xx()).isTrue();
              assertThat(c.sentAt()).isEqualTo(clock.instant());
            })
        .extracting(TwilioCallback::messageStatus)
        .containsExactly("queued", "sent", "delivered");
  }

  @Test
  void magicNumbersAreAcceptedThenUndeliveredWithTheirErrorCode() {
    String sid = createMessage("+15005550013", app.url("/status"));

    await().until(() -> statusesOf(sid).size() == 3);

    assertThat(statusesOf(sid)).containsExactly("queued", "sent", "undelivered");
    TwilioCallback last = sandbox.twilio().callbacks().get(2);
    assertThat(last.param("ErrorCode")).isEqualTo("30003");
    assertThat(last.param("SmsStatus")).isEqualTo("undelivered");
  }

  @Test
  void failedMessagesAreNeverSent() {
    sandbox.twilio().deliveryOutcome(TwilioDeliveryOutcome.failed(30008));
    String sid = createMessage(CUSTOMER, app.url("/status"));

    await().until(() -> statusesOf(sid).size() == 2);

    assertThat(statusesOf(sid)).containsExactly("queued", "failed");
    assertThat(sandbox.twilio().callbacks().get(1).param("ErrorCode")).isEqualTo("30008");
  }

  @Test
  void outcomeForOneRecipientWinsOverMagicNumbersAndTheGeneralOutcome() {
    sandbox
        .twilio()
        .deliveryOutcome(TwilioDeliveryOutcome.undelivered(30005))
        .deliveryOutcome("+15005550013", TwilioDeliveryOutcome.delivered());
    String toMagic = createMessage("+15005550013", app.url("/status"));
    String toOther = createMessage(CUSTOMER, app.url("/status"));

    await().until(() -> statusesOf(toMagic).size() == 3 && statusesOf(toOther).size() == 3);

    assertThat(statusesOf(toMagic)).endsWith("delivered");
    assertThat(statusesOf(toOther)).endsWith("undelivered");
  }

  @Test
  void withoutOutcomeTheMessageStaysSent() {
    sandbox.twilio().deliveryOutcome(CUSTOMER, TwilioDeliveryOutcome.none());
    String silent = createMessage(CUSTOMER, app.url("/status"));
    await().until(() -> statusesOf(silent).size() == 2);
    // A message accepted after the silent one was reported sent needs three callbacks, each a
    // delay apart; the silent one's final callback would have come one delay after "sent".
    String later = createMessage("+4915199999999", app.url("/status"));

    await().until(() -> statusesOf(later).size() == 3);

    assertThat(statusesOf(silent)).containsExactly("queued", "sent");
  }

  @Test
  void callbacksCanBeTurnedOff() {
    sandbox.twilio().statusCallbacks(false);
    String unreported = createMessage(CUSTOMER, app.url("/status"));
    sandbox.twilio().statusCallbacks(true).callbackDelay(Duration.ofMillis(30));
    String reported = createMessage(CUSTOMER, app.url("/status"));

    await().until(() -> statusesOf(reported).size() == 3);

    assertThat(statusesOf(unreported)).isEmpty();
    List<TwilioCallback> callbacks = sandbox.twilio().callbacks();
    assertThat(callbacks).hasSize(3);
  }

  @Test
  void resetRestoresDefaultCallbackBehaviour() {
    sandbox
        .twilio()
        .statusCallbacks(false)
        .deliveryOutcome(TwilioDeliveryOutcome.failed(30001))
        .reset();
    String sid = createMessage(CUSTOMER, app.url("/status"));

    await().until(() -> statusesOf(sid).size() == 3);

    assertThat(statusesOf(sid)).containsExactly("queued", "sent", "delivered");
  }

  @Test
  void messagingServiceMessagesReportTheServiceAndAPoolNumber() {
    Map<String, String> form =
        Map.of(
            "To",
            CUSTOMER,
            "MessagingServiceSid",
            "MG00000000000000000000000000000001",
            "Body",
            "hi",
            "StatusCallback",
            app.url("/status"));
    String sid = json(client.createMessage(form)).get("sid").asText();

    await().until(() -> statusesOf(sid).size() == 3);

    TwilioCallback first = sandbox.twilio().callbacks().get(0);
    assertThat(first.param("MessagingServiceSid")).isEqualTo("MG00000000000000000000000000000001");
    assertThat(first.param("From")).isEqualTo(TwilioStatusCallbacks.SERVICE_NUMBER);
  }

  @Test
  void unansweredCallbacksAreRecordedAndLaterStatusesStillSent() {
    String deadUrl = app.url("/status");
    app.close(); // nobody listens there any more
    String sid = createMessage(CUSTOMER, deadUrl);

    await().atMost(10, TimeUnit.SECONDS).until(() -> statusesOf(sid).size() == 3);

    assertThat(sandbox.twilio().callbacks())
        .allSatisfy(
            c -> {
              assertThat(c.responseStatus()).isZero();
              assertThat(c.error()).isNotBlank();
            });
  }

  @Test
  void applicationErrorsAreRecordedWithTheirStatus() {
    app.answer(403);
    String sid = createMessage(CUSTOMER, app.url("/status"));

    await().until(() -> statusesOf(sid).size() == 3);

    assertThat(sandbox.twilio().callbacks())
        .extracting(TwilioCallback::responseStatus)
        .containsOnly(403);
  }

  @Test
  void invalidStatusCallbackIsRefusedLikeTwilio() {
    Map<String, String> form = sms(CUSTOMER, "hi");
    form.put("StatusCallback", "not a url");

    HttpResponse<String> response = client.createMessage(form);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("code").asInt()).isEqualTo(21609);
  }

  @Test
  void inboundSmsIsPostedSignedToTheInboundUrl() throws Exception {
    String inboundUrl = app.url("/api/v1/providers/twilio/inbound");
    app.answer(200);
    sandbox.twilio().inboundUrl(URI.create(inboundUrl));

    TwilioCallback sent =
        sandbox.twilio().inboundSms(CUSTOMER, OUR_NUMBER, "STOP").get(5, TimeUnit.SECONDS);

    TwilioWebhookReceiver.Received r = app.received().get(0);
    assertThat(r.path()).isEqualTo("/api/v1/providers/twilio/inbound");
    assertThat(r.param("Body")).isEqualTo("STOP");
    assertThat(r.param("From")).isEqualTo(CUSTOMER);
    assertThat(r.param("To")).isEqualTo(OUR_NUMBER);
    assertThat(r.param("AccountSid")).isEqualTo(SID);
    assertThat(r.param("MessageSid")).matches("SM[0-9a-f]{32}").isEqualTo(sent.messageSid());
    assertThat(r.param("SmsMessageSid")).isEqualTo(sent.messageSid());
    assertThat(r.param("SmsStatus")).isEqualTo("received");
    assertThat(r.param("NumMedia")).isEqualTo("0");
    assertThat(r.param("NumSegments")).isEqualTo("1");
    assertThat(r.param("ApiVersion")).isEqualTo("2010-04-01");
    assertThat(r.signature()).isEqualTo(TwilioSignature.sign(TOKEN, inboundUrl, r.singleValued()));
    assertThat(sent.kind()).isEqualTo(TwilioCallback.Kind.INBOUND);
    assertThat(sent.responseStatus()).isEqualTo(200);
    assertThat(sent.responseBody()).isEqualTo("<Response/>");
    assertThat(sandbox.twilio().callbacks()).containsExactly(sent);
  }

  @Test
  void inboundSmsNeedsAnInboundUrlAndAKnownAccount() {
    assertThatThrownBy(() -> sandbox.twilio().inboundSms(CUSTOMER, OUR_NUMBER, "STOP"))
        .isInstanceOf(IllegalStateException.class);
    sandbox.twilio().inboundUrl(URI.create(app.url("/inbound")));
    assertThatThrownBy(
            () ->
                sandbox
                    .twilio()
                    .inboundSms("AC0000000000000000000000000000dead", CUSTOMER, OUR_NUMBER, "STOP"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void callbacksAreControlledAndListedOverHttp() {
    app.answer(200);
    assertThat(
            client
                .control(
                    "/_sandbox/twilio/delivery-outcome",
                    "{\"outcome\":\"undelivered\",\"code\":30006}")
                .statusCode())
        .isEqualTo(204);
    assertThat(client.control("/_sandbox/twilio/callbacks", "{\"delayMillis\":1}").statusCode())
        .isEqualTo(204);
    assertThat(
            client
                .control(
                    "/_sandbox/twilio/inbound-url", "{\"url\":\"" + app.url("/inbound") + "\"}")
                .statusCode())
        .isEqualTo(204);
    String sid = createMessage(CUSTOMER, app.url("/status"));
    HttpResponse<String> inbound =
        client.control(
            "/_sandbox/twilio/inbound",
            "{\"from\":\"" + CUSTOMER + "\",\"to\":\"" + OUR_NUMBER + "\",\"body\":\"START\"}");
    assertThat(inbound.statusCode()).isEqualTo(202);

    await().until(() -> sandbox.twilio().callbacks().size() == 4);

    HttpResponse<String> listing =
        client.send(
            HttpRequest.newBuilder(sandbox.baseUrl().resolve("/_sandbox/twilio/callbacks"))
                .build());
    assertThat(listing.statusCode()).isEqualTo(200);
    JsonNode callbacks = json(listing);
    assertThat(callbacks).hasSize(4);
    JsonNode undelivered = null;
    JsonNode inboundSms = null;
    for (JsonNode c : callbacks) {
      if ("undelivered".equals(c.get("params").path("MessageStatus").asText())) {
        undelivered = c;
      }
      if ("INBOUND".equals(c.get("kind").asText())) {
        inboundSms = c;
      }
    }
    assertThat(undelivered).isNotNull();
    assertThat(undelivered.get("messageSid").asText()).isEqualTo(sid);
    assertThat(undelivered.get("params").get("ErrorCode").asText()).isEqualTo("30006");
    assertThat(inboundSms).isNotNull();
    assertThat(inboundSms.get("params").get("Body").asText()).isEqualTo("START");
    assertThat(inboundSms.get("responseBody").asText()).isEqualTo("<Response/>");

    HttpResponse<String> cleared =
        client.send(
            HttpRequest.newBuilder(sandbox.baseUrl().resolve("/_sandbox/twilio/callbacks"))
                .DELETE()
                .build());
    assertThat(cleared.statusCode()).isEqualTo(204);
    assertThat(sandbox.twilio().callbacks()).isEmpty();
  }

  @Test
  void badCallbackControlInputIsRefused() {
    assertThat(
            client
                .control("/_sandbox/twilio/delivery-outcome", "{\"outcome\":\"lost\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            client
                .control("/_sandbox/twilio/delivery-outcome", "{\"outcome\":\"undelivered\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(client.control("/_sandbox/twilio/inbound-url", "{\"url\":\"ftp://x\"}").statusCode())
        .isEqualTo(400);
    assertThat(
            client
                .control(
                    "/_sandbox/twilio/inbound", "{\"from\":\"+1\",\"to\":\"+2\",\"body\":\"x\"}")
                .statusCode())
        .isEqualTo(400); // no inbound URL yet
    assertThat(client.control("/_sandbox/twilio/callbacks", "{}").statusCode()).isEqualTo(400);
  }

  private String createMessage(String to, String statusCallback) {
    Map<String, String> form = sms(to, "Your usage today: 12.4 kWh");
    form.put("StatusCallback", statusCallback);
    HttpResponse<String> response = client.createMessage(form);
    assertThat(response.statusCode()).isEqualTo(201);
    return json(response).get("sid").asText();
  }

  private List<String> statusesOf(String sid) {
    return sandbox.twilio().callbacks().stream()
        .filter(c -> sid.equals(c.messageSid()))
        .map(TwilioCallback::messageStatus)
        .toList();
  }
}
