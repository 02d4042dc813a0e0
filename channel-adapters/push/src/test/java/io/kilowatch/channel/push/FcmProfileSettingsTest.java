package io.kilowatch.channel.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a sender accepts as settings, and what it refuses at construction. */
class FcmProfileSettingsTest {
  private static final String TOKEN = "ya29.secret-token-value";

  private static FcmSettings valid() {
    FcmSettings settings = new FcmSettings();
    settings.setProjectId("kilowatch-test");
    settings.setAccessToken(TOKEN);
    settings.setBaseUrl("http://127.0.0.1:1");
    return settings;
  }

  private static void build(Consumer<FcmSettings> customize) {
    FcmSettings settings = valid();
    customize.accept(settings);
    new FcmPushSender(settings).close();
  }

  @Test
  void validSettingsBuildASender() {
    build(s -> {});
  }

  @Test
  void incompleteSettingsAreRejectedNamingTheKey() {
    assertThatThrownBy(() -> build(s -> s.setProjectId(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kilowatch.channels.push.fcm.project-id");
    assertThatThrownBy(() -> build(s -> s.setAccessToken(null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one of kilowatch.channels.push.fcm.credentials");
    assertThatThrownBy(() -> build(s -> s.setCredentials("/etc/fcm.json")))
        .as("both")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(TOKEN);
    assertThatThrownBy(() -> build(s -> s.setProvider("")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("provider");
  }

  @Test
  void backupProfileNamesItsOwnKeys() {
    FcmBackupSettings backup = new FcmBackupSettings();
    backup.setAccessToken(TOKEN);

    assertThatThrownBy(() -> new FcmPushSender(backup))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kilowatch.channels.push.fcm-backup.project-id");
    assertThat(backup.getProvider()).isEqualTo("fcm-backup");
  }

  @Test
  void optionsAreChecked() {
    assertThatThrownBy(() -> build(s -> s.setAndroidPriority("max")))
        .hasMessageContaining("android-priority");
    assertThatThrownBy(() -> build(s -> s.setApnsPriority(7)))
        .hasMessageContaining("apns-priority");
    assertThatThrownBy(() -> build(s -> s.setTtl(Duration.ofSeconds(-1))))
        .hasMessageContaining("ttl");
    assertThatThrownBy(() -> build(s -> s.setReadTimeout(Duration.ZERO)))
        .hasMessageContaining("read-timeout");
    assertThatThrownBy(() -> build(s -> s.setConnectTimeout(null)))
        .hasMessageContaining("connect-timeout");
    build(s -> s.setApnsPriority(1));
    build(s -> s.setAndroidPriority(" High "));
  }

  @Test
  void baseUrlMustBeSchemeHostAndPort() {
    assertThatThrownBy(() -> build(s -> s.setBaseUrl("127.0.0.1:8080")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("base-url");
    assertThatThrownBy(() -> build(s -> s.setBaseUrl("http://127.0.0.1:8080/fcm")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> build(s -> s.setBaseUrl("ftp://127.0.0.1")))
        .isInstanceOf(IllegalArgumentException.class);
    build(s -> s.setBaseUrl("http://127.0.0.1:8080/"));
    build(s -> s.setBaseUrl(null));
  }

  @Test
  void serviceAccountKeyFileIsReadWithoutNetworkAccess(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("fcm-service-account.json");
    Files.writeString(key, serviceAccountJson(), StandardCharsets.UTF_8);

    FcmSettings settings = valid();
    settings.setAccessToken(null);
    settings.setBaseUrl(null);
    settings.setCredentials(key.toString());

    try (FcmPushSender sender = new FcmPushSender(settings)) {
      assertThat(sender.provider()).isEqualTo("fcm");
    }
  }

  @Test
  void unreadableKeyFileIsReportedWithItsKey(@TempDir Path dir) throws IOException {
    Path garbage = dir.resolve("garbage.json");
    Files.writeString(garbage, "{\"type\":\"authorized_user\"}");

    assertThatThrownBy(
            () ->
                build(
                    s -> {
                      s.setAccessToken(null);
                      s.setCredentials(dir.resolve("missing.json").toString());
                    }))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("kilowatch.channels.push.fcm.credentials");
    assertThatThrownBy(
            () ->
                build(
                    s -> {
                      s.setAccessToken(null);
                      s.setCredentials(garbage.toString());
                    }))
        .as("only service account keys")
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void settingsNeverPrintTheAccessToken() {
    assertThat(valid().toString()).contains("kilowatch-test").doesNotContain(TOKEN);
  }

  private static String serviceAccountJson() throws NoSuchAlgorithmException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String pem =
        "-----BEGIN PRIVATE KEY-----\\n"
            + Base64.getEncoder()
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
            + "\\n-----END PRIVATE KEY-----\\n";
    return "{\"type\":\"service_account\",\"project_id\":\"kilowatch-test\","
        + "\"private_key_id\":\"0123456789abcdef\",\"private_key\":\""
        + pem
        + "\",\"client_email\":\"fcm-sender@kilowatch-test.iam.gserviceaccount.com\","
        + "\"client_id\":\"100000000000000000001\","
        + "\"token_uri\":\"https://oauth2.googleapis.com/token\"}";
  }
}
