package io.kilowatch.sandbox;

import static io.kilowatch.sandbox.SandboxClient.json;
import static io.kilowatch.sandbox.SandboxClient.sms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sandbox with a primary and a backup Twilio account: faults for one account only, and webhooks
 * signed with each account's own auth token.
 */
class TwilioAccountControlTest {
  private static final String PRIMARY = SandboxSettings.DEFAULT_TWILIO_ACCOUNT_SID;
  private static final String PRIMARY_TOKEN = SandboxSettings.DEFAULT_TWILIO_AUTH_TOKEN;
  private static final String BACKUP = SandboxSettings.DEFAULT_TWILIO_BACKUP_ACCOUNT_SID;
  private static final String BACKUP_TOKEN = SandboxSettings.DEFAULT_TWILIO_BACKUP_AUTH_TOKEN;
  private static final String CUSTOMER = "+4915112345678";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
  private ProviderSandbox sandbox;
  private SandboxClient client;
  private TwilioWebhookReceiver app;

  @BeforeEach
  void start() {
    sandbox =
        ProviderSandbox.start(
            SandboxSettings.builder().clock(clock).withTwilioBackupAccount().build());
    client = new SandboxClient(sandbox);
    app = new TwilioWebhookReceiver();
  }

  @AfterEach
  void stop() {
    sandbox.close();
    app.close();
  }

  private HttpResponse<String> sendAs(String sid, String token) {
    return client.createMessage(sid, sid, token, sms(CUSTOMER, "hi"));
  }

  private int primary() {
    return sendAs(PRIMARY, PRIMARY_TOKEN).statusCode();
  }

  private int backup() {
    return sendAs(BACKUP, BACKUP_TOKEN).statusCode();
  }

  @Test
  void withTwilioBackupAccountKnowsBothAccountsPrimaryFirst() {
    assertThat(SandboxSettings.builder().withTwilioBackupAccount().build().twilioAccounts())
        .containsExactly(Map.entry(PRIMARY, PRIMARY_TOKEN), Map.entry(BACKUP, BACKUP_TOKEN));
    assertThat(
            SandboxSettings.builder()
                .twilioAccount("AC0123456789abcdef0123456789abcdef", "secret")
                .withTwilioBackupAccount()
                .build()
                .twilioAccounts()
                .keySet())
        .as("an own primary account replaces the default one")
        .containsExactly("AC0123456789abcdef0123456789abcdef", BACKUP);
    assertThat(primary()).isEqualTo(201);
    assertThat(backup()).isEqualTo(201);
    assertThat(sendAs(BACKUP, PRIMARY_TOKEN).statusCode()).as("each its own token").isEqualTo(401);
  }

  @Test
  void outageOfOneAccountLeavesTheOtherUp() {
    sandbox.twilio().account(PRIMARY).outage(Duration.ofMinutes(1));

    HttpResponse<String> down = sendAs(PRIMARY, PRIMARY_TOKEN);
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(json(down).get("code").asInt()).isEqualTo(20503);
    assertThat(backup()).isEqualTo(201);
    clock.advance(Duration.ofMinutes(1));
    assertThat(primary()).isEqualTo(201);
  }

  @Test
  void pendingFailuresAndRateLimitsCountPerAccount() {
    sandbox.twilio().account(BACKUP).failNext(2, 500, 20500);
    sandbox.twilio().account(PRIMARY).rateLimit(1, Duration.ofSeconds(3));

    assertThat(primary()).isEqualTo(201);
    HttpResponse<String> limited = sendAs(PRIMARY, PRIMARY_TOKEN);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("3");
    assertThat(backup()).as("the primary's limit is not the backup's").isEqualTo(500);
    assertThat(backup()).isEqualTo(500);
    assertThat(backup()).isEqualTo(201);
  }

  @Test
  void faultsForEveryAccountComeFirst() {
    sandbox.twilio().failNext(1, 502, 20500);
    sandbox.twilio().account(BACKUP).failNext(1, 400, 21610);

    assertThat(backup()).isEqualTo(502);
    assertThat(backup()).isEqualTo(400);
    assertThat(backup()).isEqualTo(201);
  }

  @Test
  void resetClearsEveryAccountsFaultsAndAccountResetOnlyItsOwn() {
    sandbox.twilio().outage(Duration.ofMinutes(1));
    sandbox.twilio().account(BACKUP).outage(Duration.ofMinutes(1));
    sandbox.twilio().account(PRIMARY).outage(Duration.ofMinutes(1));

    sandbox.twilio().account(PRIMARY).reset();
    assertThat(primary()).as("the outage for every account stays").isEqualTo(503);
    sandbox.twilio().reset();
    assertThat(primary()).isEqualTo(201);
    assertThat(backup()).isEqualTo(201);
  }

  @Test
  void accountFaultsOverHttp() {
    assertThat(
            client
                .control(
                    "/_sandbox/twilio/outage",
                    "{\"millis\":60000,\"accountSid\":\"" + PRIMARY + "\"}")
                .statusCode())
        .isEqualTo(204);
    assertThat(
            client
                .control(
                    "/_sandbox/twilio/fail",
                    "{\"count\":1,\"status\":500,\"code\":20500,\"accountSid\":\"" + BACKUP + "\"}")
                .statusCode())
        .isEqualTo(204);

    assertThat(primary()).isEqualTo(503);
    assertThat(backup()).isEqualTo(500);
    assertThat(backup()).isEqualTo(201);

    assertThat(
            client
                .control("/_sandbox/twilio/reset", "{\"accountSid\":\"" + PRIMARY + "\"}")
                .statusCode())
        .isEqualTo(204);
    assertThat(primary()).isEqualTo(201);
  }

  @Test
  void unknownAccountIsRejectedAndChangesNothing() {
    String dead = "AC0000000000000000000000000000dead";
    assertThat(
            client
                .control(
                    "/_sandbox/twilio/outage", "{\"millis\":60000,\"accountSid\":\"" + dead + "\"}")
                .statusCode())
        .isEqualTo(400);
    assertThatThrownBy(() -> sandbox.twilio().account(dead))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.twilio().account(PRIMARY).outage(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.twilio().account(PRIMARY).failNext(1, 200, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(primary()).isEqualTo(201);
    assertThat(backup()).isEqualTo(201);
  }

  @Test
  void statusCallbacksOfEachAccountAreSignedWithItsOwnToken() {
    String url = app.url("/api/v1/providers/twilio/status?notificationId=n-2");
    Map<String, String> form = sms(CUSTOMER, "hi");
    form.put("StatusCallback", url);
    assertThat(client.createMessage(BACKUP, BACKUP, BACKUP_TOKEN, form).statusCode())
        .isEqualTo(201);

    await().atMost(5, TimeUnit.SECONDS).until(() -> app.received().size() == 3);

    List<TwilioWebhookReceiver.Received> received = app.received();
    assertThat(received)
        .allSatisfy(
            r -> {
              assertThat(r.param("AccountSid")).isEqualTo(BACKUP);
              assertThat(r.signature())
                  .isEqualTo(TwilioSignature.sign(BACKUP_TOKEN, url, r.singleValued()))
                  .isNotEqualTo(TwilioSignature.sign(PRIMARY_TOKEN, url, r.singleValued()));
            });
  }

  @Test
  void inboundSmsWithoutAnAccountGoesToTheFirstAccount() throws Exception {
    sandbox.twilio().inboundUrl(java.net.URI.create(app.url("/inbound")));

    TwilioCallback sent =
        sandbox.twilio().inboundSms(CUSTOMER, "+15017122661", "STOP").get(5, TimeUnit.SECONDS);
    TwilioCallback toBackup =
        sandbox
            .twilio()
            .inboundSms(BACKUP, CUSTOMER, "+15017122662", "STOP")
            .get(5, TimeUnit.SECONDS);

    assertThat(sent.accountSid()).isEqualTo(PRIMARY);
    assertThat(sent.param("AccountSid")).isEqualTo(PRIMARY);
    assertThat(toBackup.accountSid()).isEqualTo(BACKUP);
  }
}
