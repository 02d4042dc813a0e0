package io.kilowatch.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.channel.Channel;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.channel.SendResult;
import io.kilowatch.sandbox.ProviderSandbox;
import io.kilowatch.sandbox.RecordedRequest;
import io.kilowatch.sandbox.SandboxSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The real SendGrid SDK call path against the provider sandbox. */
class SendGridEmailSenderTest {
  static final String KEY = SandboxSettings.DEFAULT_SENDGRID_API_KEY;
  static final String FROM = "alerts@stadtwerke.example";
  static final String CUSTOMER = "anna.schmidt@example.com";
  static final String SUBJECT = "Strompreis-Alarm: 41,2 ct/kWh ab 18:00";
  static final String TEXT = "Ihr Strompreis: 41,2 ct/kWh ab 18:00 — Grüße!";
  static final String HTML = "<p>Ihr Strompreis: <b>41,2 ct/kWh</b> ab 18:00 — Grüße!</p>";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProviderSandbox sandbox;
  private final List<SendGridEmailSender> senders = new ArrayList<>();

  @BeforeEach
  void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.defaults());
  }

  @AfterEach
  void stop() {
    senders.forEach(SendGridEmailSender::close);
    sandbox.close();
  }

  private SendGridSettings settings() {
    SendGridSettings settings = new SendGridSettings();
    settings.setApiKey(KEY);
    settings.setFromEmail(FROM);
    settings.setFromName("Stadtwerke Musterstadt");
    settings.setBaseUrl(sandbox.baseUrl().toString());
    return settings;
  }

  private SendGridEmailSender sender(Consumer<SendGridSettings> customize) {
    SendGridSettings settings = settings();
    customize.accept(settings);
    SendGridEmailSender sender = new SendGridEmailSender(settings);
    senders.add(sender);
    return sender;
  }

  private SendGridEmailSender sender() {
    return sender(s -> {});
  }

  static OutboundMessage email(String to, Map<String, String> metadata) {
    return new OutboundMessage("ntf-0001", Channel.EMAIL, to, SUBJECT, TEXT, metadata);
  }

  static OutboundMessage email(String to) {
    return email(to, Map.of());
  }

  private static OutboundMessage fullEmail() {
    return email(
        CUSTOMER,
        Map.of(
            "html", HTML,
            "category", "price-alert",
            "unsubscribeUrl", "https://kilowatch.example/u/ntf-0001?t=abc"));
  }

  @Test
  void acceptedEmailReturnsSendGridsMessageId() {
    SendResult result = sender().send(fullEmail());

    assertThat(result).isInstanceOf(SendResult.Accepted.class);
    SendResult.Accepted accepted = (SendResult.Accepted) result;
    assertThat(accepted.provider()).isEqualTo("sendgrid");
    assertThat(accepted.providerMessageId()).matches("[A-Za-z0-9_-]{22}");
    assertThat(onlyRequest().responseStatus()).isEqualTo(202);
  }

  @Test
  void sdkSendsTheExpectedV3MailSendRequest() throws IOException {
    sender().send(fullEmail());

    RecordedRequest request = onlyRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v3/mail/send");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(request.header("Content-Type")).startsWith("application/json");
    assertThat(request.header("User-Agent")).isEqualTo("sendgrid/4.10.3;java");
    assertThat(JSON.readTree(request.body()))
        .isEqualTo(expected("mail-send-html-unsubscribe.json"));
  }

  @Test
  void plainMessageSendsOnlyTheTextPart() throws IOException {
    sender().send(email(CUSTOMER));

    assertThat(JSON.readTree(onlyRequest().body())).isEqualTo(expected("mail-send-plain.json"));
  }

  @Test
  void unsubscribeTemplateAppliesWhenTheMessageBringsNoUrl() throws IOException {
    sender(
            s -> {
              s.setFromName(null);
              s.setUnsubscribeUrlTemplate(
                  "https://kilowatch.example/unsubscribe?n={notificationId}");
            })
        .send(new OutboundMessage("ntf/0002 x", Channel.EMAIL, CUSTOMER, SUBJECT, TEXT, Map.of()));

    assertThat(JSON.readTree(onlyRequest().body()))
        .isEqualTo(expected("mail-send-unsubscribe-template.json"));
  }

  @Test
  void messagesUnsubscribeUrlWinsOverTheTemplate() throws IOException {
    sender(s -> s.setUnsubscribeUrlTemplate("https://kilowatch.example/x/{notificationId}"))
        .send(email(CUSTOMER, Map.of("unsubscribeUrl", "https://retailer.example/stop")));

    assertThat(JSON.readTree(onlyRequest().body()).at("/headers/List-Unsubscribe").asText())
        .isEqualTo("<https://retailer.example/stop>");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://kilowatch.example/u>\r\nBcc: victim@example.com",
        "not a url",
        "/relative/path"
      })
  void unusableUnsubscribeUrlIsPermanentAndNothingIsSent(String url) {
    SendResult result = sender().send(email(CUSTOMER, Map.of("unsubscribeUrl", url)));

    assertThat(result).isInstanceOf(SendResult.PermanentFailure.class);
    assertThat(((SendResult.PermanentFailure) result).errorCode()).isEqualTo("invalid-message");
    assertThat(sandbox.requests()).isEmpty();
  }

  @Test
  void invalidRecipientIsPermanentWithSendGridsFieldAndMessage() {
    SendResult result = sender().send(email("anna.schmidt@"));

    assertThat(result)
        .isEqualTo(
            new SendResult.PermanentFailure(
                "sendgrid",
                "http-400",
                "personalizations.0.to.0.email: Does not contain a valid address."));
  }

  @Test
  void missingSubjectIsPermanent() {
    SendResult result =
        sender().send(new OutboundMessage("ntf-1", Channel.EMAIL, CUSTOMER, null, TEXT, Map.of()));

    assertThat(result).isInstanceOf(SendResult.PermanentFailure.class);
    assertThat(((SendResult.PermanentFailure) result).message()).startsWith("subject: ");
  }

  @Test
  void wrongApiKeyIsPermanentAndNamedAuth() {
    SendResult result = sender(s -> s.setApiKey("SG.revoked")).send(email(CUSTOMER));

    assertThat(result)
        .isEqualTo(
            new SendResult.PermanentFailure(
                "sendgrid",
                "auth",
                "The provided authorization grant is invalid, expired, or revoked"));
  }

  @Test
  void unverifiedSenderIsPermanent403WithField() {
    sandbox
        .sendgrid()
        .failNext(1, 403, "The from address does not match a verified Sender Identity.", "from");

    SendResult result = sender().send(email(CUSTOMER));

    assertThat(result)
        .isEqualTo(
            new SendResult.PermanentFailure(
                "sendgrid",
                "http-403",
                "from: The from address does not match a verified Sender Identity."));
  }

  @Test
  void payloadTooLargeIsPermanent413() {
    sandbox.sendgrid().failNext(1, 413);

    SendResult result = sender().send(email(CUSTOMER));

    assertThat(result).isInstanceOf(SendResult.PermanentFailure.class);
    assertThat(((SendResult.PermanentFailure) result).errorCode()).isEqualTo("http-413");
    assertThat(((SendResult.PermanentFailure) result).message()).contains("30MB");
  }

  @Test
  void rateLimitIsRetryableAfterSendGridsRetryAfter() {
    sandbox.sendgrid().rateLimit(0, Duration.ofSeconds(7));

    SendResult result = sender().send(email(CUSTOMER));

    assertThat(result)
        .isEqualTo(
            new SendResult.RetryableFailure(
                "sendgrid", "http-429", "too many requests", Duration.ofSeconds(7)));
  }

  @Test
  void serviceUnavailableIsRetryableAndSentOnlyOnce() {
    sandbox.sendgrid().outage(Duration.ofMinutes(5));

    SendResult result = sender().send(email(CUSTOMER));

    assertThat(result)
        .isEqualTo(
            new SendResult.RetryableFailure("sendgrid", "http-503", "Service Unavailable", null));
    assertThat(sandbox.requests()).as("no retries by the SDK or HTTP client").hasSize(1);
  }

  @Test
  void serverErrorIsRetryableAndTheNextSendGoesThrough() {
    sandbox.sendgrid().failNext(1, 500);

    SendResult result = sender().send(email(CUSTOMER));

    assertThat(result)
        .isEqualTo(
            new SendResult.RetryableFailure("sendgrid", "http-500", "Internal Server Error", null));
    assertThat(sender().send(email(CUSTOMER))).isInstanceOf(SendResult.Accepted.class);
  }

  @Test
  void connectionRefusedIsRetryable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    SendResult result =
        sender(s -> s.setBaseUrl("http://127.0.0.1:" + closedPort)).send(email(CUSTOMER));

    assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
    assertThat(((SendResult.RetryableFailure) result).errorCode()).isEqualTo("connection");
    assertThat(((SendResult.RetryableFailure) result).retryAfter()).isNull();
  }

  @Test
  void slowAnswerTimesOutAfterTheConfiguredResponseTimeout() {
    sandbox.sendgrid().latency(Duration.ofSeconds(5));
    SendGridEmailSender sender = sender(s -> s.setResponseTimeout(Duration.ofMillis(300)));

    long started = System.nanoTime();
    SendResult result = sender.send(email(CUSTOMER));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

    assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
    assertThat(((SendResult.RetryableFailure) result).errorCode()).isEqualTo("timeout");
    assertThat(elapsed).isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
    assertThat(sandbox.requests()).as("sent once, not retried after the timeout").hasSize(1);
  }

  @Test
  void exhaustedPoolTimesOutAfterTheConfiguredPoolTimeout() throws Exception {
    sandbox.sendgrid().latency(Duration.ofSeconds(3));
    SendGridEmailSender sender =
        sender(
            s -> {
              s.setMaxConnections(1);
              s.setMaxConnectionsPerRoute(1);
              s.setPoolTimeout(Duration.ofMillis(200));
            });
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<SendResult> holdsTheOnlyConnection = pool.submit(() -> sender.send(email(CUSTOMER)));
      await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.requests().size() == 1);

      long started = System.nanoTime();
      SendResult result = sender.send(email(CUSTOMER));
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

      assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
      assertThat(((SendResult.RetryableFailure) result).errorCode()).isEqualTo("timeout");
      assertThat(elapsed).isLessThan(Duration.ofMillis(2500));
      assertThat(holdsTheOnlyConnection.get(10, TimeUnit.SECONDS))
          .isInstanceOf(SendResult.Accepted.class);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void providerNameIsConfigurableAndBackupProfileDefaultsToSendgridBackup() {
    SendGridEmailSender renamed = sender(s -> s.setProvider("sendgrid-eu"));
    SendGridBackupSettings backupSettings = new SendGridBackupSettings();
    backupSettings.setApiKey(KEY);
    backupSettings.setFromEmail("alerts@pool-b.stadtwerke.example");
    backupSettings.setBaseUrl(sandbox.baseUrl().toString());
    SendGridEmailSender backup = new SendGridEmailSender(backupSettings);
    senders.add(backup);

    assertThat(renamed.provider()).isEqualTo("sendgrid-eu");
    assertThat(renamed.send(email(CUSTOMER)).provider()).isEqualTo("sendgrid-eu");
    assertThat(backup.provider()).isEqualTo("sendgrid-backup");
    assertThat(backup.channel()).isEqualTo(Channel.EMAIL);
    assertThat(backup.send(email(CUSTOMER))).isInstanceOf(SendResult.Accepted.class);
  }

  @Test
  void logLinesCarryTheNotificationIdAndTheCallersMdcIsRestored() {
    Logger logger = (Logger) LoggerFactory.getLogger(SendGridEmailSender.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    MDC.put("notificationId", "caller-own");
    try {
      sender().send(new OutboundMessage("ntf-0042", Channel.EMAIL, "x@", SUBJECT, TEXT, Map.of()));

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
    sandbox.sendgrid().failNext(50, 429);
    SendGridEmailSender sender = sender();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<SendResult>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        futures.add(pool.submit(() -> sender.send(email(CUSTOMER))));
      }
      Map<Class<?>, Integer> counts = new HashMap<>();
      for (Future<SendResult> future : futures) {
        counts.merge(future.get(1, TimeUnit.MINUTES).getClass(), 1, Integer::sum);
      }
      assertThat(counts)
          .containsEntry(SendResult.Accepted.class, 150)
          .containsEntry(SendResult.RetryableFailure.class, 50);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void messagesForOtherChannelsAreACallersBug() {
    OutboundMessage sms = OutboundMessage.sms("ntf-1", "+4915112345678", "hi");

    assertThatThrownBy(() -> sender().send(sms)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void incompleteSettingsAreRejectedAtConstruction() {
    assertThatThrownBy(() -> sender(s -> s.setApiKey(null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kilowatch.channels.email.sendgrid.api-key");
    assertThatThrownBy(() -> sender(s -> s.setFromEmail(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from-email");
    assertThatThrownBy(() -> sender(s -> s.setUnsubscribeUrlTemplate("/u/{notificationId}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unsubscribe-url-template");
    assertThatThrownBy(() -> sender(s -> s.setResponseTimeout(Duration.ofMillis(-1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("response-timeout");
  }

  @Test
  void baseUrlMustBeSchemeHostAndPort() {
    assertThatThrownBy(() -> sender(s -> s.setBaseUrl("127.0.0.1:8080")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("base-url");
    assertThatThrownBy(() -> sender(s -> s.setBaseUrl(sandbox.baseUrl() + "/sendgrid")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(sender(s -> s.setBaseUrl(sandbox.baseUrl() + "/")).send(email(CUSTOMER)))
        .isInstanceOf(SendResult.Accepted.class);
  }

  @Test
  void settingsNeverPrintTheApiKey() {
    assertThat(settings().toString()).contains(FROM).doesNotContain(KEY);
  }

  private RecordedRequest onlyRequest() {
    assertThat(sandbox.requests()).hasSize(1);
    return sandbox.requests().get(0);
  }

  private static JsonNode expected(String name) throws IOException {
    try (InputStream in = SendGridEmailSenderTest.class.getResourceAsStream("/expected/" + name)) {
      assertThat(in).as(name).isNotNull();
      return JSON.readTree(in);
    }
  }
}
