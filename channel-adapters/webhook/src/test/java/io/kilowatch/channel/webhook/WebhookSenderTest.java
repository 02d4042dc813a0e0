package io.kilowatch.channel.webhook;

import static io.kilowatch.channel.webhook.TestReceiver.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.kilowatch.channel.Channel;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.channel.SendResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Real HTTP to a local receiver (JDK HttpServer): headers, signatures and each answer class. */
class WebhookSenderTest {
  private static final String KEY = "k2026a";
  private static final String SECRET = "whsec_demo_0123456789abcdef0123456789abcdef";
  private static final String OLD_KEY = "k2025b";
  private static final String OLD_SECRET = "whsec_old_fedcba9876543210fedcba9876543210";
  private static final String ENVELOPE =
      "{\"id\":\"evt-7\",\"type\":\"price.changed\",\"data\":{\"text\":\"Grüße: 41,2 ct/kWh ⚡\"}}";
  private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final Map<String, List<InetAddress>> dns = new HashMap<>();
  private TestReceiver receiver;

  @BeforeEach
  void start() throws IOException {
    receiver = TestReceiver.start();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  /** Tests' policy: the receiver is on 127.0.0.1 over http. */
  private static WebhookSettings settings() {
    WebhookSettings settings = new WebhookSettings();
    settings.setSigningKeys(Map.of(KEY, SECRET));
    settings.setRequireHttps(false);
    settings.setAllowPrivateNetworks(true);
    settings.setRequestTimeout(Duration.ofSeconds(5));
    return settings;
  }

  private WebhookSender sender(Consumer<WebhookSettings> customize) {
    WebhookSettings settings = settings();
    customize.accept(settings);
    EndpointGuard guard =
        new EndpointGuard(
            settings,
            host -> {
              List<InetAddress> addresses = dns.get(host);
              return addresses != null ? addresses : EndpointGuard.SYSTEM.resolve(host);
            });
    return new WebhookSender(settings, guard, clock);
  }

  private WebhookSender sender() {
    return sender(s -> {});
  }

  private OutboundMessage webhook(String body) {
    return webhook(
        receiver.url("/hooks/kilowatch?token=t0k3n"), body, Map.of("eventType", "price.changed"));
  }

  private static OutboundMessage webhook(URI endpoint, String body, Map<String, String> metadata) {
    return new OutboundMessage(
        "ntf-0001", Channel.WEBHOOK, endpoint.toString(), null, body, metadata);
  }

  private static WebhookSignatureVerifier verifier(Map<String, String> secrets) {
    return new WebhookSignatureVerifier(
        secrets,
        WebhookSignatureVerifier.DEFAULT_TOLERANCE,
        Clock.fixed(NOW.plusSeconds(2), ZoneOffset.UTC));
  }

  @Test
  void postsTheEnvelopeWithItsHeadersAndIsAccepted() {
    SendResult result = sender().send(webhook(ENVELOPE));

    assertThat(result).isEqualTo(new SendResult.Accepted("webhook", "ntf-0001"));
    TestReceiver.Received request = onlyRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/hooks/kilowatch");
    assertThat(request.body()).isEqualTo(ENVELOPE.getBytes(StandardCharsets.UTF_8));
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("User-Agent")).isEqualTo("Kilowatch-Webhook/1.0");
    assertThat(request.header("Kilowatch-Notification-Id")).isEqualTo("ntf-0001");
    assertThat(request.header("Idempotency-Key")).isEqualTo("ntf-0001");
    assertThat(request.header("Kilowatch-Event-Type")).isEqualTo("price.changed");
    assertThat(request.header("Kilowatch-Signature"))
        .matches("t=" + NOW.getEpochSecond() + ",kid=k2026a,v1=[0-9a-f]{64}");
  }

  @Test
  void receiverVerifiesTheSignatureOfWhatArrived() {
    sender().send(webhook(ENVELOPE));

    TestReceiver.Received request = onlyRequest();
    WebhookSignatureVerifier.Verification verification =
        verifier(Map.of(KEY, SECRET)).verify(request.header("Kilowatch-Signature"), request.body());
    assertThat(verification.valid()).as(verification.reason()).isTrue();
    assertThat(verification.keyId()).isEqualTo(KEY);
    assertThat(verification.timestamp()).isEqualTo(NOW);
  }

  @Test
  void receiverRejectsTheDeliveryWithTheWrongSecretOrATamperedBody() {
    sender().send(webhook(ENVELOPE));

    TestReceiver.Received request = onlyRequest();
    String header = request.header("Kilowatch-Signature");
    assertThat(verifier(Map.of(KEY, OLD_SECRET)).verify(header, request.body()).valid()).isFalse();
    assertThat(verifier(Map.of(KEY, SECRET)).verify(header, ENVELOPE.replace("41", "14")).valid())
        .isFalse();
  }

  @Test
  void signsWithTheCurrentKeyDuringARotation() {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put(OLD_KEY, OLD_SECRET);
    keys.put(KEY, SECRET);
    WebhookSender sender =
        sender(
            s -> {
              s.setSigningKeys(keys);
              s.setCurrentKeyId(KEY);
            });

    sender.send(webhook(ENVELOPE));

    assertThat(sender.currentKeyId()).isEqualTo(KEY);
    TestReceiver.Received request = onlyRequest();
    String header = request.header("Kilowatch-Signature");
    assertThat(header).contains("kid=" + KEY);
    assertThat(verifier(keys).verify(header, request.body()).valid()).isTrue();
    assertThat(verifier(Map.of(OLD_KEY, OLD_SECRET)).verify(header, request.body()).reason())
        .as("a receiver that has not picked up the new key yet")
        .isEqualTo("unknown key id " + KEY);
  }

  @Test
  void withoutEventTypeNoEventTypeHeaderIsSent() {
    sender().send(webhook(receiver.url("/h"), "{}", Map.of()));

    assertThat(onlyRequest().headers()).doesNotContainKey("Kilowatch-event-type");
    assertThat(onlyRequest().header("Kilowatch-Event-Type")).isNull();
  }

  @Test
  void receiversOwnIdBecomesTheProviderMessageId() {
    receiver.answer(status(202, Map.of("Kilowatch-Receipt-Id", "rcv-42"), "{\"ok\":true}"));

    assertThat(sender().send(webhook(ENVELOPE)))
        .isEqualTo(new SendResult.Accepted("webhook", "rcv-42"));
  }

  @Test
  void unusableReceiptIdFallsBackToTheNotificationId() {
    receiver.answer(status(200, Map.of("Kilowatch-Receipt-Id", "has spaces in it"), ""));

    assertThat(sender().send(webhook(ENVELOPE)))
        .isEqualTo(new SendResult.Accepted("webhook", "ntf-0001"));
  }

  @Test
  void acceptedOnceTheStatusArrivesEvenIfTheBodyNeverEnds() {
    receiver.answer(receiver.hangAfterHeaders(200));
    WebhookSender sender =
        sender(
            s -> {
              s.setConnectTimeout(Duration.ofMillis(300));
              s.setRequestTimeout(Duration.ofMillis(300));
            });

    assertThat(sender.send(webhook(ENVELOPE)))
        .isEqualTo(new SendResult.Accepted("webhook", "ntf-0001"));
  }

  @Test
  void serverErrorIsRetryableWithTheStartOfTheAnswer() {
    receiver.answer(status(500, Map.of(), "{\"error\":\"database\nunavailable\"}"));

    assertThat(sender().send(webhook(ENVELOPE)))
        .isEqualTo(
            new SendResult.RetryableFailure(
                "webhook", "http-500", "HTTP 500: {\"error\":\"database unavailable\"}", null));
    assertThat(receiver.received()).as("sent once; delivery retries").hasSize(1);
  }

  @Test
  void serviceUnavailableIsRetryableAfterRetryAfterSeconds() {
    receiver.answer(status(503, Map.of("Retry-After", "120"), ""));

    assertThat(sender().send(webhook(ENVELOPE)))
        .isEqualTo(
            new SendResult.RetryableFailure(
                "webhook", "http-503", "HTTP 503", Duration.ofSeconds(120)));
  }

  @Test
  void tooManyRequestsIsRetryableAfterRetryAfterDate() {
    String in90s =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atOffset(ZoneOffset.UTC));
    receiver.answer(status(429, Map.of("Retry-After", in90s), "slow down"));

    assertThat(sender().send(webhook(ENVELOPE)))
        .isEqualTo(
            new SendResult.RetryableFailure(
                "webhook", "http-429", "HTTP 429: slow down", Duration.ofSeconds(90)));
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 425, 502, 504})
  void otherPassingFailuresAreRetryable(int status) {
    receiver.answer(status(status, Map.of(), ""));

    assertThat(sender().send(webhook(ENVELOPE)))
        .isEqualTo(
            new SendResult.RetryableFailure("webhook", "http-" + status, "HTTP " + status, null));
  }

  @ParameterizedTest
  @CsvSource({"400", "401", "403", "404", "410", "413", "422"})
  void otherClientErrorsArePermanent(int status) {
    receiver.answer(status(status, Map.of(), ""));

    assertThat(sender().send(webhook(ENVELOPE)))
        .isEqualTo(new SendResult.PermanentFailure("webhook", "http-" + status, "HTTP " + status));
  }

  @Test
  void notFoundIsPermanentWithTheStatus() {
    receiver.answer(status(404, Map.of(), "no such hook"));

    assertThat(sender().send(webhook(ENVELOPE)))
        .isEqualTo(
            new SendResult.PermanentFailure("webhook", "http-404", "HTTP 404: no such hook"));
  }

  @Test
  void redirectIsPermanentAndNotFollowed() {
    URI internal = receiver.url("/internal/admin");
    receiver.answer(status(301, Map.of("Location", internal.toString()), ""));

    assertThat(sender().send(webhook(ENVELOPE)))
        .isEqualTo(
            new SendResult.PermanentFailure(
                "webhook", "redirect", "HTTP 301 redirect to " + internal + " not followed"));
    assertThat(receiver.received())
        .extracting(TestReceiver.Received::path)
        .containsExactly("/hooks/kilowatch");
  }

  @Test
  void slowReceiverTimesOutAfterTheRequestTimeout() {
    receiver.answer(receiver.hang());
    WebhookSender sender = sender(s -> s.setRequestTimeout(Duration.ofMillis(300)));

    long started = System.nanoTime();
    SendResult result = sender.send(webhook(ENVELOPE));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

    assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
    assertThat(((SendResult.RetryableFailure) result).errorCode()).isEqualTo("timeout");
    assertThat(elapsed).isBetween(Duration.ofMillis(300), Duration.ofSeconds(4));
  }

  @Test
  void connectionRefusedIsRetryable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    SendResult result =
        sender()
            .send(webhook(URI.create("http://127.0.0.1:" + closedPort + "/h"), ENVELOPE, Map.of()));

    assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
    assertThat(((SendResult.RetryableFailure) result).errorCode()).isEqualTo("connection");
    assertThat(((SendResult.RetryableFailure) result).retryAfter()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "",
        "[1,2]",
        "\"a string\"",
        "{\"a\":1",
        "{} {}",
        "{\"amount\":1,\"amount\":2}",
        "{'single':'quotes'}"
      })
  void bodyThatIsNotOneJsonObjectIsPermanentAndNeverSent(String body) {
    SendResult result = sender().send(webhook(body));

    assertThat(result).isInstanceOf(SendResult.PermanentFailure.class);
    assertThat(((SendResult.PermanentFailure) result).errorCode()).isEqualTo("invalid-body");
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void eventTypeThatWouldSplitAHeaderIsPermanent() {
    SendResult result =
        sender()
            .send(
                webhook(
                    receiver.url("/h"),
                    "{}",
                    Map.of("eventType", "price.changed\r\nX-Injected: yes")));

    assertThat(result).isInstanceOf(SendResult.PermanentFailure.class);
    assertThat(((SendResult.PermanentFailure) result).errorCode()).isEqualTo("invalid-message");
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void loopbackEndpointIsRefusedWithTheProductionPolicy() {
    WebhookSender production = sender(s -> s.setAllowPrivateNetworks(false));

    SendResult result = production.send(webhook(ENVELOPE));

    assertThat(result)
        .isEqualTo(
            new SendResult.PermanentFailure(
                "webhook", "endpoint-refused", "127.0.0.1 is a loopback (127.0.0.0/8) address"));
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void hostResolvingToAPrivateAddressIsRefusedBeforeAnyConnection() throws UnknownHostException {
    dns.put("hooks.partner.example", List.of(InetAddress.getByName("10.20.30.40")));
    WebhookSender production = sender(s -> s.setAllowPrivateNetworks(false));

    SendResult result =
        production.send(webhook(URI.create("http://hooks.partner.example/h"), ENVELOPE, Map.of()));

    assertThat(result)
        .isEqualTo(
            new SendResult.PermanentFailure(
                "webhook",
                "endpoint-refused",
                "host hooks.partner.example resolves to 10.20.30.40, a private (10.0.0.0/8)"
                    + " address"));
  }

  @Test
  void httpEndpointIsRefusedWhenHttpsIsRequired() {
    SendResult result = sender(s -> s.setRequireHttps(true)).send(webhook(ENVELOPE));

    assertThat(result)
        .isEqualTo(
            new SendResult.PermanentFailure("webhook", "endpoint-refused", "https is required"));
  }

  @Test
  void unresolvableHostIsRetryable() {
    dns.put("gone.partner.example", List.of());

    SendResult result =
        sender(s -> s.setAllowPrivateNetworks(false))
            .send(webhook(URI.create("http://gone.partner.example/h"), ENVELOPE, Map.of()));

    assertThat(result)
        .isEqualTo(
            new SendResult.RetryableFailure(
                "webhook", "dns", "host gone.partner.example does not resolve", null));
  }

  @Test
  void onlyTheConfiguredPartOfALargeAnswerIsRead() {
    receiver.answer(status(400, Map.of(), "x".repeat(100_000)));

    SendResult result = sender(s -> s.setMaxResponseBodyBytes(64)).send(webhook(ENVELOPE));

    assertThat(result)
        .isEqualTo(
            new SendResult.PermanentFailure("webhook", "http-400", "HTTP 400: " + "x".repeat(64)));
  }

  @Test
  void logLinesCarryTheNotificationIdButNotTheUrlsPathOrQuery() {
    Logger logger = (Logger) LoggerFactory.getLogger(WebhookSender.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    receiver.answer(status(500, Map.of(), ""));
    MDC.put("notificationId", "caller-own");
    try {
      sender().send(webhook(ENVELOPE));

      assertThat(appender.list)
          .isNotEmpty()
          .allSatisfy(
              event -> {
                assertThat(event.getMDCPropertyMap()).containsEntry("notificationId", "ntf-0001");
                assertThat(event.getFormattedMessage())
                    .doesNotContain("t0k3n")
                    .doesNotContain("/hooks");
              });
      assertThat(MDC.get("notificationId")).isEqualTo("caller-own");
    } finally {
      MDC.remove("notificationId");
      logger.detachAppender(appender);
    }
  }

  @Test
  void concurrentSendsAreEachSignedAndAccepted() throws Exception {
    WebhookSender sender = sender();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<SendResult>> futures = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        String id = "ntf-" + i;
        futures.add(
            pool.submit(
                () ->
                    sender.send(
                        new OutboundMessage(
                            id,
                            Channel.WEBHOOK,
                            receiver.url("/h").toString(),
                            null,
                            "{\"n\":\"" + id + "\"}",
                            Map.of()))));
      }
      for (Future<SendResult> future : futures) {
        assertThat(future.get(1, TimeUnit.MINUTES)).isInstanceOf(SendResult.Accepted.class);
      }
    } finally {
      pool.shutdownNow();
    }
    WebhookSignatureVerifier verifier = verifier(Map.of(KEY, SECRET));
    assertThat(receiver.received())
        .hasSize(100)
        .allSatisfy(
            r -> {
              assertThat(verifier.verify(r.header("Kilowatch-Signature"), r.body()).valid())
                  .isTrue();
              assertThat(new String(r.body(), StandardCharsets.UTF_8))
                  .contains(r.header("Idempotency-Key"));
            });
  }

  @Test
  void messagesForOtherChannelsAreACallersBug() {
    assertThatThrownBy(() -> sender().send(OutboundMessage.sms("ntf-1", "+4915112345678", "hi")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void providerNameIsConfigurable() {
    WebhookSender partner = sender(s -> s.setProvider("webhook-partner"));

    assertThat(partner.provider()).isEqualTo("webhook-partner");
    assertThat(partner.channel()).isEqualTo(Channel.WEBHOOK);
    assertThat(partner.send(webhook(ENVELOPE)).provider()).isEqualTo("webhook-partner");
  }

  @Test
  void unusableSigningConfigurationIsRejectedAtConstruction() {
    assertThatThrownBy(() -> sender(s -> s.setSigningKeys(Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signing-keys");
    assertThatThrownBy(() -> sender(s -> s.setSigningKeys(Map.of(KEY, "short"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32 bytes")
        .hasMessageNotContaining("short");
    assertThatThrownBy(() -> sender(s -> s.setSigningKeys(Map.of("k,1", SECRET))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key id");
    assertThatThrownBy(
            () -> sender(s -> s.setSigningKeys(Map.of(KEY, SECRET, OLD_KEY, OLD_SECRET))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("current-key-id is required")
        .hasMessageNotContaining(SECRET);
    assertThatThrownBy(() -> sender(s -> s.setCurrentKeyId("k1999")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names no configured key");
    assertThatThrownBy(() -> sender(s -> s.setRequestTimeout(Duration.ZERO)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("request-timeout");
  }

  @Test
  void settingsNeverPrintSecrets() {
    WebhookSettings settings = settings();

    assertThat(settings.toString()).contains(KEY).doesNotContain(SECRET);
  }

  private TestReceiver.Received onlyRequest() {
    assertThat(receiver.received()).hasSize(1);
    return receiver.received().get(0);
  }
}
