package io.kilowatch.channel.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/** The real Firebase Admin SDK call path against the provider sandbox. */
class FcmPushSenderTest {
  static final String PROJECT = "kilowatch-test";
  static final String DEVICE = "dAbC123:APA91bH-device-token-0001";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-22T07:00:00Z"), ZoneOffset.UTC);

  private ProviderSandbox sandbox;
  private final List<FcmPushSender> senders = new ArrayList<>();

  @BeforeEach
  void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.defaults());
  }

  @AfterEach
  void stop() {
    senders.forEach(FcmPushSender::close);
    sandbox.close();
  }

  static FcmSettings sandboxSettings(ProviderSandbox sandbox) {
    FcmSettings settings = new FcmSettings();
    settings.setProjectId(PROJECT);
    settings.setAccessToken(SandboxSettings.DEFAULT_FCM_ACCESS_TOKEN);
    settings.setBaseUrl(sandbox.baseUrl().toString());
    return settings;
  }

  private FcmPushSender sender(Consumer<FcmSettings> customize) {
    FcmSettings settings = sandboxSettings(sandbox);
    customize.accept(settings);
    FcmPushSender sender = new FcmPushSender(settings, CLOCK);
    senders.add(sender);
    return sender;
  }

  private FcmPushSender sender() {
    return sender(s -> {});
  }

  private static OutboundMessage push(String token) {
    return push(token, Map.of());
  }

  private static OutboundMessage push(String token, Map<String, String> metadata) {
    return new OutboundMessage(
        "ntf-0001", Channel.PUSH, token, "Price alert", "41.2 ct/kWh from 18:00", metadata);
  }

  // --- what the SDK sends ---------------------------------------------------------------------

  @Test
  void acceptedPushReturnsFcmsMessageName() {
    SendResult result = sender().send(push(DEVICE));

    assertThat(result).isInstanceOf(SendResult.Accepted.class);
    assertThat(result.provider()).isEqualTo("fcm");
    assertThat(((SendResult.Accepted) result).providerMessageId())
        .matches("projects/" + PROJECT + "/messages/0:\\d+%[0-9a-f]{16}");
  }

  @Test
  void criticalPriceAlertWithDataCategoryAndTtl() throws IOException {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("priority", "critical");
    metadata.put("category", "price-alerts");
    metadata.put("data.tariff", "dynamic");
    metadata.put("data.window", "18:00-20:00");
    metadata.put("data.notificationId", "forged");
    metadata.put("html", "not for push");
    OutboundMessage message =
        new OutboundMessage(
            "ntf-0001",
            Channel.PUSH,
            DEVICE,
            "Price alert",
            "41.2 ct/kWh from 18:00 — Grüße!",
            metadata);

    sender(s -> s.setTtl(Duration.ofHours(1))).send(message);

    RecordedRequest request = onlyRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/projects/" + PROJECT + "/messages:send");
    assertThat(request.header("Authorization"))
        .isEqualTo("Bearer " + SandboxSettings.DEFAULT_FCM_ACCESS_TOKEN);
    assertThat(request.header("Content-Type")).startsWith("application/json");
    assertThat(request.header("X-Firebase-Client")).isEqualTo("fire-admin-java/9.11.0");
    assertThat(request.header("X-GOOG-API-FORMAT-VERSION")).isEqualTo("2");
    assertThat(JSON.readTree(request.body())).isEqualTo(expected("send-critical-price-alert.json"));
  }

  @Test
  void plainMessageUsesTheProfileDefaults() throws IOException {
    sender()
        .send(
            new OutboundMessage(
                "ntf-0002",
                Channel.PUSH,
                DEVICE,
                null,
                "Your bill for November is ready.",
                Map.of("category", " ", "data.", "ignored")));

    assertThat(JSON.readTree(onlyRequest().body())).isEqualTo(expected("send-plain-defaults.json"));
  }

  @Test
  void profileOptionsForNonCriticalMessagesAndZeroTtl() throws IOException {
    sender(
            s -> {
              s.setAndroidPriority("HIGH");
              s.setApnsPriority(10);
              s.setTtl(Duration.ZERO);
            })
        .send(
            new OutboundMessage(
                "ntf-0003",
                Channel.PUSH,
                DEVICE,
                "Outage",
                "Planned maintenance tonight.",
                Map.of("priority", "normal")));

    assertThat(JSON.readTree(onlyRequest().body()))
        .isEqualTo(expected("send-ttl-zero-high-profile.json"));
  }

  // --- permanent failures -------------------------------------------------------------------

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "unregistered-device-0001, UNREGISTERED, true",
    "invalid-device-00000001, INVALID_TOKEN, true",
    "not a token, INVALID_TOKEN, true",
    "mismatch-device-000001, SENDER_ID_MISMATCH, false",
    "apns-auth-device-00001, auth, false"
  })
  void deviceStatesArePermanentAndOnlyDeadTokensAreRemoved(
      String token, String code, boolean removesToken) {
    SendResult result = sender().send(push(token));

    assertThat(result).isInstanceOf(SendResult.PermanentFailure.class);
    String errorCode = ((SendResult.PermanentFailure) result).errorCode();
    assertThat(errorCode).isEqualTo(code);
    assertThat(PushErrorCodes.removesToken(errorCode)).isEqualTo(removesToken);
    assertThat(sandbox.requests()).hasSize(1);
  }

  @Test
  void unregisteredCarriesFcmsMessage() {
    assertThat(sender().send(push("unregistered-device-0001")))
        .isEqualTo(
            new SendResult.PermanentFailure(
                "fcm", PushErrorCodes.UNREGISTERED, "Requested entity was not found."));
  }

  @Test
  void invalidPayloadIsInvalidArgumentAndKeepsTheToken() {
    SendResult result = sender().send(push(DEVICE, Map.of("data.from", "kilowatch")));

    assertThat(result)
        .isEqualTo(
            new SendResult.PermanentFailure(
                "fcm", PushErrorCodes.INVALID_ARGUMENT, "Invalid data payload key: from"));
    assertThat(PushErrorCodes.removesToken(PushErrorCodes.INVALID_ARGUMENT)).isFalse();
  }

  @Test
  void invalidArgumentFromFailNextWithoutTokenDetailKeepsTheToken() {
    sandbox.fcm().failNext(1, "INVALID_ARGUMENT");

    assertThat(sender().send(push(DEVICE)))
        .extracting(r -> ((SendResult.PermanentFailure) r).errorCode())
        .isEqualTo(PushErrorCodes.INVALID_ARGUMENT);
  }

  @Test
  void emptyTokenIsInvalidWithoutAskingFcm() {
    SendResult result = sender().send(push(" "));

    assertThat(result)
        .extracting(r -> ((SendResult.PermanentFailure) r).errorCode())
        .isEqualTo(PushErrorCodes.INVALID_TOKEN);
    assertThat(sandbox.requests()).isEmpty();
  }

  @Test
  void rejectedAccessTokenIsPermanentAuthAfterOneRequest() {
    SendResult result = sender(s -> s.setAccessToken("ya29.revoked")).send(push(DEVICE));

    assertThat(result).isInstanceOf(SendResult.PermanentFailure.class);
    assertThat(((SendResult.PermanentFailure) result).errorCode()).isEqualTo(PushErrorCodes.AUTH);
    assertThat(sandbox.requests())
        .as("the SDK's token refresh fails at once instead of looping")
        .hasSize(1);
  }

  @ParameterizedTest(name = "{0} {1} → {2}")
  @CsvSource({
    "403, , auth",
    "401, THIRD_PARTY_AUTH_ERROR, auth",
    "404, , NOT_FOUND",
    "400, SENDER_ID_MISMATCH, SENDER_ID_MISMATCH"
  })
  void otherClientErrorsArePermanent(int status, String fcmCode, String code) {
    sandbox.fcm().failNext(1, status, fcmCode);

    SendResult result = sender().send(push(DEVICE));

    assertThat(result).isInstanceOf(SendResult.PermanentFailure.class);
    assertThat(((SendResult.PermanentFailure) result).errorCode()).isEqualTo(code);
  }

  // --- retryable failures, sent once ------------------------------------------------------------

  @Test
  void quotaExceededIsRetryableAfterFcmsRetryAfter() {
    sandbox.fcm().rateLimit(0, Duration.ofSeconds(7));

    SendResult result = sender().send(push(DEVICE));

    assertThat(result)
        .isEqualTo(
            new SendResult.RetryableFailure(
                "fcm",
                PushErrorCodes.QUOTA_EXCEEDED,
                "Quota exceeded for the message target.",
                Duration.ofSeconds(7)));
    assertThat(sandbox.requests()).hasSize(1);
  }

  @Test
  void outageIsRetryableAndSentOnlyOnce() {
    sandbox.fcm().outage(Duration.ofMinutes(5));

    SendResult result = sender().send(push(DEVICE));

    assertThat(result)
        .isEqualTo(
            new SendResult.RetryableFailure(
                "fcm", PushErrorCodes.UNAVAILABLE, "The service is currently unavailable.", null));
    assertThat(sandbox.requests())
        .as("the SDK's own four retries with backoff are off; delivery decides")
        .hasSize(1);
  }

  @Test
  void unavailableWithRetryAfterIsNotRetriedBySdkButReported() {
    // The SDK would sleep the Retry-After (up to a minute) and send again.
    sandbox.fcm().failNext(3, 503, "UNAVAILABLE", "busy", Duration.ofSeconds(2));

    SendResult result = sender().send(push(DEVICE));

    assertThat(result)
        .isEqualTo(
            new SendResult.RetryableFailure(
                "fcm", PushErrorCodes.UNAVAILABLE, "busy", Duration.ofSeconds(2)));
    assertThat(sandbox.requests()).as("no retry after the provider's Retry-After").hasSize(1);
  }

  @ParameterizedTest(name = "{0} {1} → {2}")
  @CsvSource({
    "500, INTERNAL, INTERNAL",
    "503, UNAVAILABLE, UNAVAILABLE",
    "502, , http-502",
    "504, , DEADLINE_EXCEEDED",
    "429, , QUOTA_EXCEEDED"
  })
  void serverErrorsAreRetryableAndSentOnce(int status, String fcmCode, String code) {
    sandbox.fcm().failNext(1, status, fcmCode);
    FcmPushSender sender = sender();

    SendResult result = sender.send(push(DEVICE));

    assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
    assertThat(((SendResult.RetryableFailure) result).errorCode()).isEqualTo(code);
    assertThat(sandbox.requests()).hasSize(1);
    assertThat(sender.send(push(DEVICE))).isInstanceOf(SendResult.Accepted.class);
  }

  @Test
  void slowAnswerTimesOutAfterTheConfiguredReadTimeout() {
    sandbox.fcm().latency(Duration.ofSeconds(10));
    FcmPushSender sender = sender(s -> s.setReadTimeout(Duration.ofMillis(300)));

    long started = System.nanoTime();
    SendResult result = sender.send(push(DEVICE));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

    assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
    assertThat(((SendResult.RetryableFailure) result).errorCode())
        .isEqualTo(PushErrorCodes.TIMEOUT);
    assertThat(elapsed)
        .as("our timeout, not the SDK's default (none)")
        .isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
    assertThat(sandbox.requests()).hasSize(1);
  }

  @Test
  void connectionRefusedIsRetryable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    SendResult result =
        sender(s -> s.setBaseUrl("http://127.0.0.1:" + closedPort)).send(push(DEVICE));

    assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
    assertThat(((SendResult.RetryableFailure) result).errorCode())
        .isEqualTo(PushErrorCodes.CONNECTION);
    assertThat(((SendResult.RetryableFailure) result).retryAfter()).isNull();
  }

  // --- threads, profiles, lifecycle -----------------------------------------------------------

  @Test
  void concurrentSendsEachGetTheirOwnAnswer() throws Exception {
    // 50 of 200 sends get 429; a mix-up between threads would turn one into something else.
    sandbox.fcm().failNext(50, "QUOTA_EXCEEDED");
    FcmPushSender sender = sender();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<SendResult>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        futures.add(pool.submit(() -> sender.send(push(DEVICE))));
      }
      List<SendResult> results = new ArrayList<>();
      for (Future<SendResult> future : futures) {
        results.add(future.get(1, TimeUnit.MINUTES));
      }
      Set<String> ids = new HashSet<>();
      results.stream()
          .filter(SendResult.Accepted.class::isInstance)
          .forEach(r -> ids.add(((SendResult.Accepted) r).providerMessageId()));
      assertThat(ids).as("distinct message names").hasSize(150);
      assertThat(results)
          .filteredOn(r -> !(r instanceof SendResult.Accepted))
          .hasSize(50)
          .allSatisfy(
              r ->
                  assertThat(r)
                      .isEqualTo(
                          new SendResult.RetryableFailure(
                              "fcm",
                              PushErrorCodes.QUOTA_EXCEEDED,
                              "Quota exceeded for the message target.",
                              Duration.ofSeconds(1))));
      assertThat(sandbox.requests()).as("one request per send").hasSize(200);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void primaryAndBackupProfilesLiveSideBySide() {
    FcmPushSender primary = sender();
    FcmBackupSettings backupSettings = new FcmBackupSettings();
    backupSettings.setProjectId("kilowatch-backup");
    backupSettings.setAccessToken(SandboxSettings.DEFAULT_FCM_ACCESS_TOKEN);
    backupSettings.setBaseUrl(sandbox.baseUrl().toString());
    FcmPushSender backup = new FcmPushSender(backupSettings, CLOCK);
    senders.add(backup);

    SendResult fromBackup = backup.send(push(DEVICE));
    SendResult fromPrimary = primary.send(push(DEVICE));
    backup.close();

    assertThat(backup.provider()).isEqualTo("fcm-backup");
    assertThat(fromBackup.provider()).isEqualTo("fcm-backup");
    assertThat(fromPrimary.provider()).isEqualTo("fcm");
    assertThat(sandbox.requests())
        .extracting(RecordedRequest::path)
        .containsExactly(
            "/v1/projects/kilowatch-backup/messages:send",
            "/v1/projects/" + PROJECT + "/messages:send");
    assertThat(primary.send(push(DEVICE)))
        .as("closing one profile leaves the other working")
        .isInstanceOf(SendResult.Accepted.class);
  }

  @Test
  void providerNameIsConfigurable() {
    FcmPushSender sender = sender(s -> s.setProvider("fcm-eu"));

    assertThat(sender.provider()).isEqualTo("fcm-eu");
    assertThat(sender.channel()).isEqualTo(Channel.PUSH);
    assertThat(sender.send(push(DEVICE)).provider()).isEqualTo("fcm-eu");
  }

  @Test
  void logLinesCarryTheNotificationIdAndTheCallersMdcIsRestored() {
    Logger logger = (Logger) LoggerFactory.getLogger(FcmPushSender.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    MDC.put("notificationId", "caller-own");
    try {
      sender()
          .send(
              new OutboundMessage(
                  "ntf-0042", Channel.PUSH, "unregistered-device-0001", null, "hi", Map.of()));

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
  void messagesForOtherChannelsAreACallersBug() {
    assertThatThrownBy(() -> sender().send(OutboundMessage.sms("ntf-1", "+4915112345678", "hi")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sendAfterCloseThrowsAndCloseIsIdempotent() {
    FcmPushSender sender = sender();
    sender.close();
    sender.close();

    assertThatThrownBy(() -> sender.send(push(DEVICE))).isInstanceOf(IllegalStateException.class);
    assertThat(sandbox.requests()).isEmpty();
  }

  private RecordedRequest onlyRequest() {
    assertThat(sandbox.requests()).hasSize(1);
    return sandbox.requests().get(0);
  }

  static JsonNode expected(String name) throws IOException {
    try (InputStream in = FcmPushSenderTest.class.getResourceAsStream("/expected/" + name)) {
      assertThat(in).as(name).isNotNull();
      return JSON.readTree(in);
    }
  }
}
