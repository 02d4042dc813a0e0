package io.kilowatch.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.kilowatch.channel.Channel;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.channel.SendResult;
import io.kilowatch.sandbox.ProviderSandbox;
import io.kilowatch.sandbox.RecordedRequest;
import io.kilowatch.sandbox.SandboxSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The real Twilio SDK call path against the provider sandbox. */
class TwilioSmsSenderTest {
  private static final String SID = SandboxSettings.DEFAULT_TWILIO_ACCOUNT_SID;
  private static final String TOKEN = SandboxSettings.DEFAULT_TWILIO_AUTH_TOKEN;
  private static final String FROM = "+15017122661";
  private static final String CUSTOMER = "+4915112345678";
  private static final String CALLBACK = "https://kilowatch.example/callbacks/twilio/status";

  private ProviderSandbox sandbox;
  private final List<TwilioSmsSender> senders = new ArrayList<>();

  @BeforeEach
  void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.defaults());
  }

  @AfterEach
  void stop() {
    senders.forEach(TwilioSmsSender::close);
    sandbox.close();
  }

  private TwilioSettings settings() {
    TwilioSettings settings = new TwilioSettings();
    settings.setAccountSid(SID);
    settings.setAuthToken(TOKEN);
    settings.setFromNumber(FROM);
    settings.setBaseUrl(sandbox.baseUrl().toString());
    settings.setStatusCallbackUrl(CALLBACK);
    return settings;
  }

  private TwilioSmsSender sender(Consumer<TwilioSettings> customize) {
    TwilioSettings settings = settings();
    customize.accept(settings);
    TwilioSmsSender sender = new TwilioSmsSender(settings);
    senders.add(sender);
    return sender;
  }

  private TwilioSmsSender sender() {
    return sender(s -> {});
  }

  private static OutboundMessage sms(String to) {
    return OutboundMessage.sms("ntf-0001", to, "Price alert: 41.2 ct/kWh from 18:00 — Grüße!");
  }

  @Test
  void acceptedSmsReturnsTwilioMessageSid() {
    SendResult result = sender().send(sms(CUSTOMER));

    assertThat(result).isInstanceOf(SendResult.Accepted.class);
    SendResult.Accepted accepted = (SendResult.Accepted) result;
    assertThat(accepted.provider()).isEqualTo("twilio");
    assertThat(accepted.providerMessageId()).matches("SM[0-9a-f]{32}");
  }

  @Test
  void sdkSendsTheExpectedRequestToTheMessagesResource() throws IOException {
    sender().send(sms(CUSTOMER));

    RecordedRequest request = onlyRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json");
    assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(request.header("Authorization"))
        .isEqualTo(
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
    assertThat(request.header("User-Agent")).startsWith("twilio-java/13.0.1");
    assertThat(formOf(request.body()))
        .isEqualTo(formOf(expected("message-create-from-number.form")));
  }

  @Test
  void messagingServiceIsSentInsteadOfFrom() throws IOException {
    sender(
            s -> {
              s.setFromNumber(null);
              s.setMessagingServiceSid("MG00000000000000000000000000000002");
              s.setStatusCallbackUrl(CALLBACK + "?account=primary");
            })
        .send(sms(CUSTOMER));

    assertThat(formOf(onlyRequest().body()))
        .isEqualTo(formOf(expected("message-create-messaging-service.form")));
  }

  @Test
  void withoutStatusCallbackUrlNoneIsSent() {
    sender(s -> s.setStatusCallbackUrl(null)).send(sms(CUSTOMER));

    assertThat(onlyRequest().form()).containsOnlyKeys("To", "From", "Body");
  }

  @Test
  void invalidNumberIsPermanent21211() {
    SendResult result = sender().send(sms("0151 1234"));

    assertThat(result).isInstanceOf(SendResult.PermanentFailure.class);
    assertThat(((SendResult.PermanentFailure) result).errorCode()).isEqualTo("21211");
    assertThat(((SendResult.PermanentFailure) result).message())
        .isEqualTo("The 'To' number 0151 1234 is not a valid phone number.");
  }

  @Test
  void optedOutRecipientIsPermanent21610() {
    SendResult result = sender().send(sms("+15005550004"));

    assertThat(result)
        .isEqualTo(
            new SendResult.PermanentFailure(
                "twilio", "21610", "Attempt to send to unsubscribed recipient"));
  }

  @ParameterizedTest(name = "{0} → permanent {1}")
  @CsvSource({
    "+15005550001, 21211",
    "+15005550002, 21612",
    "+15005550003, 21408",
    "+15005550009, 21614"
  })
  void unreachableRecipientsArePermanent(String to, String code) {
    SendResult result = sender().send(sms(to));

    assertThat(result).isInstanceOf(SendResult.PermanentFailure.class);
    assertThat(((SendResult.PermanentFailure) result).errorCode()).isEqualTo(code);
  }

  @Test
  void rateLimitIsRetryableAfterTwiliosRetryAfter() {
    sandbox.twilio().rateLimit(0, Duration.ofSeconds(7));

    SendResult result = sender().send(sms(CUSTOMER));

    assertThat(result)
        .isEqualTo(
            new SendResult.RetryableFailure(
                "twilio", "20429", "Too Many Requests", Duration.ofSeconds(7)));
  }

  @Test
  void serviceUnavailableIsRetryableAndSentOnlyOnce() {
    sandbox.twilio().outage(Duration.ofMinutes(5));

    SendResult result = sender().send(sms(CUSTOMER));

    assertThat(result)
        .isEqualTo(new SendResult.RetryableFailure("twilio", "20503", "Service Unavailable", null));
    assertThat(sandbox.requests())
        .as("the SDK's own three retries are off; delivery decides")
        .hasSize(1);
  }

  @Test
  void serverErrorIsRetryable() {
    sandbox.twilio().failNext(1, 500, 20500);

    SendResult result = sender().send(sms(CUSTOMER));

    assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
    assertThat(((SendResult.RetryableFailure) result).errorCode()).isEqualTo("20500");
    assertThat(sender().send(sms(CUSTOMER))).isInstanceOf(SendResult.Accepted.class);
  }

  @Test
  void connectionRefusedIsRetryable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    SendResult result =
        sender(s -> s.setBaseUrl("http://127.0.0.1:" + closedPort)).send(sms(CUSTOMER));

    assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
    assertThat(((SendResult.RetryableFailure) result).errorCode()).isEqualTo("connection");
    assertThat(((SendResult.RetryableFailure) result).retryAfter()).isNull();
  }

  @Test
  void slowAnswerTimesOutAfterTheConfiguredResponseTimeout() {
    sandbox.twilio().latency(Duration.ofSeconds(5));
    TwilioSmsSender sender = sender(s -> s.setResponseTimeout(Duration.ofMillis(300)));

    long started = System.nanoTime();
    SendResult result = sender.send(sms(CUSTOMER));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

    assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
    assertThat(((SendResult.RetryableFailure) result).errorCode()).isEqualTo("timeout");
    assertThat(elapsed)
        .as("our timeout, not the SDK's 30 s default")
        .isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
  }

  @Test
  void exhaustedPoolTimesOutAfterTheConfiguredPoolTimeout() throws Exception {
    sandbox.twilio().latency(Duration.ofSeconds(3));
    TwilioSmsSender sender =
        sender(
            s -> {
              s.setMaxConnections(1);
              s.setMaxConnectionsPerRoute(1);
              s.setPoolTimeout(Duration.ofMillis(200));
            });
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<SendResult> holdsTheOnlyConnection = pool.submit(() -> sender.send(sms(CUSTOMER)));
      await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.requests().size() == 1);

      long started = System.nanoTime();
      SendResult result = sender.send(sms(CUSTOMER));
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

      assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
      assertThat(((SendResult.RetryableFailure) result).errorCode()).isEqualTo("timeout");
      assertThat(elapsed)
          .as("our pool timeout, not the SDK's 10 s, and not until the first send is done")
          .isLessThan(Duration.ofMillis(2500));
      assertThat(holdsTheOnlyConnection.get(10, TimeUnit.SECONDS))
          .isInstanceOf(SendResult.Accepted.class);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void badCredentialsArePermanentAndNamedAuth() {
    SendResult result = sender(s -> s.setAuthToken("wrong")).send(sms(CUSTOMER));

    assertThat(result).isEqualTo(new SendResult.PermanentFailure("twilio", "auth", "Authenticate"));
  }

  @Test
  void otherClientErrorsArePermanentWithTwiliosCode() {
    sandbox
        .twilio()
        .failNext(1, 400, 21606, "The 'From' phone number is not a valid SMS-capable number");

    SendResult result = sender().send(sms(CUSTOMER));

    assertThat(result).isInstanceOf(SendResult.PermanentFailure.class);
    assertThat(((SendResult.PermanentFailure) result).errorCode()).isEqualTo("21606");
  }

  private TwilioSmsSender regional() {
    return sender(
        s ->
            s.setSenders(
                Map.of(
                    "GB", "+447700900001",
                    "de", "MG0000000000000000000000000000de49",
                    "CA", "+12045550100")));
  }

  @Test
  void senderForTheRecipientsRegionByCallingCodeReplacesTheDefaultFrom() throws IOException {
    regional().send(OutboundMessage.sms("ntf-0001", "+447700900123", sms(CUSTOMER).body()));

    assertThat(formOf(onlyRequest().body()))
        .isEqualTo(formOf(expected("message-create-region-gb-from-number.form")));
  }

  @Test
  void regionalMessagingServiceIsSentWithoutTheDefaultFrom() throws IOException {
    regional().send(sms(CUSTOMER));

    assertThat(formOf(onlyRequest().body()))
        .isEqualTo(formOf(expected("message-create-region-de-messaging-service.form")));
  }

  @Test
  void aRegionWithoutItsOwnSenderUsesTheDefault() throws IOException {
    regional().send(sms("+33612345678"));

    assertThat(onlyRequest().form())
        .containsEntry("From", List.of(FROM))
        .doesNotContainKey("MessagingServiceSid");
  }

  @Test
  void regionMetadataOfTheMessageWinsOverTheCallingCode() {
    // +1 is shared by the US and Canada: only the message can tell that this one is Canadian
    regional()
        .send(
            new OutboundMessage(
                "ntf-0001",
                Channel.SMS,
                "+12045550123",
                null,
                "hi",
                Map.of(TwilioSenders.REGION_METADATA, "ca")));
    regional().send(OutboundMessage.sms("ntf-0002", "+12045550123", "hi"));

    assertThat(sandbox.requests())
        .extracting(r -> r.form().get("From").get(0))
        .containsExactly("+12045550100", FROM);
  }

  @Test
  void badRegionalSendersFailAtStartup() {
    assertThatThrownBy(() -> sender(s -> s.setSenders(Map.of("GBR", "+447700900001"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kilowatch.channels.sms.twilio.senders")
        .hasMessageContaining("GBR");
    assertThatThrownBy(() -> sender(s -> s.setSenders(Map.of("GB", " "))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("senders.GB");
    assertThatThrownBy(
            () -> sender(s -> s.setSenders(Map.of("gb", "+447700900001", "GB", "+447700900002"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
    assertThat(sandbox.requests()).isEmpty();
  }

  @Test
  void backupProfileNamesItsOwnKeysInErrors() {
    TwilioBackupSettings backup = new TwilioBackupSettings();
    backup.setAccountSid(SandboxSettings.DEFAULT_TWILIO_BACKUP_ACCOUNT_SID);
    backup.setFromNumber(FROM);

    assertThat(backup.getProvider()).isEqualTo("twilio-backup");
    assertThatThrownBy(() -> new TwilioSmsSender(backup))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kilowatch.channels.sms.twilio-backup.auth-token is required");
  }

  @Test
  void providerNameIsConfigurable() {
    TwilioSmsSender backup = sender(s -> s.setProvider("twilio-backup"));

    assertThat(backup.provider()).isEqualTo("twilio-backup");
    assertThat(backup.channel()).isEqualTo(Channel.SMS);
    assertThat(backup.send(sms(CUSTOMER)).provider()).isEqualTo("twilio-backup");
  }

  @Test
  void logLinesCarryTheNotificationIdAndTheCallersMdcIsRestored() {
    Logger logger = (Logger) LoggerFactory.getLogger(TwilioSmsSender.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    MDC.put("notificationId", "caller-own");
    try {
      sender().send(OutboundMessage.sms("ntf-0042", "+15005550004", "hi"));

      assertThat(appender.list)
          .isNotEmpty()
          .allSatisfy(
              event ->
                  assertThat(event.getMDCPropertyMap())
                      .containsEntry("notificationId", "ntf-0042"));
      assertThat(MDC.get("notificationId")).isEqualTo("caller-own");
    } finally {
      MDC.remove("notificationId");
      logger.detachAppender(appender);
    }
  }

  @Test
  void concurrentSendsEachGetTheirOwnAnswer() throws Exception {
    // 100 of 400 sends get 429; a mix-up of per-thread answers would turn one into something else.
    sandbox.twilio().failNext(100, 429, 20429);
    TwilioSmsSender sender = sender();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<SendResult>> futures = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        futures.add(pool.submit(() -> sender.send(sms(CUSTOMER))));
      }
      List<SendResult> results = new ArrayList<>();
      for (Future<SendResult> future : futures) {
        results.add(future.get(1, TimeUnit.MINUTES));
      }
      assertThat(results).filteredOn(SendResult.Accepted.class::isInstance).hasSize(300);
      assertThat(results)
          .filteredOn(r -> !(r instanceof SendResult.Accepted))
          .hasSize(100)
          .allSatisfy(
              r ->
                  assertThat(r)
                      .isEqualTo(
                          new SendResult.RetryableFailure(
                              "twilio", "20429", "Too Many Requests", Duration.ofSeconds(1))));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void messagesForOtherChannelsAreACallersBug() {
    OutboundMessage email =
        new OutboundMessage("ntf-1", Channel.EMAIL, "a@example.com", "s", "b", Map.of());

    assertThatThrownBy(() -> sender().send(email)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void incompleteSettingsAreRejectedAtConstruction() {
    assertThatThrownBy(() -> sender(s -> s.setAccountSid(null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("account-sid");
    assertThatThrownBy(() -> sender(s -> s.setAuthToken(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("auth-token");
    assertThatThrownBy(() -> sender(s -> s.setFromNumber(null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from-number or messaging-service-sid")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void baseUrlMustBeSchemeHostAndPort() {
    assertThatThrownBy(() -> sender(s -> s.setBaseUrl("127.0.0.1:8080")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("base-url");
    assertThatThrownBy(() -> sender(s -> s.setBaseUrl(sandbox.baseUrl() + "/twilio")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(sender(s -> s.setBaseUrl(sandbox.baseUrl() + "/")).send(sms(CUSTOMER)))
        .isInstanceOf(SendResult.Accepted.class);
  }

  @Test
  void settingsNeverPrintTheAuthToken() {
    assertThat(settings().toString()).contains(SID).doesNotContain(TOKEN);
  }

  private RecordedRequest onlyRequest() {
    assertThat(sandbox.requests()).hasSize(1);
    return sandbox.requests().get(0);
  }

  private static String expected(String name) throws IOException {
    try (InputStream in = TwilioSmsSenderTest.class.getResourceAsStream("/expected/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }

  /** Parameters by name; the order the SDK emits them in is not part of the contract. */
  private static Map<String, List<String>> formOf(String body) {
    Map<String, List<String>> form = new TreeMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.computeIfAbsent(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              k -> new ArrayList<>())
          .add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }
}
