package io.kilowatch.app;

import io.kilowatch.infra.embedded.EmbeddedAmqpBroker;
import io.kilowatch.infra.embedded.EmbeddedPostgresServer;
import io.kilowatch.sandbox.ProviderSandbox;
import io.kilowatch.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, part by part, between the external services named in the environment and embedded ones,
 * starts the embedded ones, and gives the application its properties.
 *
 * <table>
 *   <tr><th>variable</th><th>when unset</th></tr>
 *   <tr><td>KILOWATCH_JDBC_URL (+ _USER, _PASSWORD)</td><td>embedded PostgreSQL</td></tr>
 *   <tr><td>KILOWATCH_AMQP_URI</td><td>in-process AMQP 0-9-1 broker</td></tr>
 *   <tr><td>KILOWATCH_TWILIO_ACCOUNT_SID (+ _AUTH_TOKEN, _FROM, _BASE_URL)</td>
 *       <td>provider sandbox on localhost, with a primary and a backup account</td></tr>
 *   <tr><td>KILOWATCH_TWILIO_BACKUP_ACCOUNT_SID (+ _AUTH_TOKEN, _FROM, _MESSAGING_SERVICE_SID,
 *       _BASE_URL, _STATUS_CALLBACK_URL), only with KILOWATCH_TWILIO_ACCOUNT_SID</td>
 *       <td>no backup Twilio account</td></tr>
 *   <tr><td>KILOWATCH_HAZELCAST_MEMBERS, KILOWATCH_HAZELCAST_CLUSTER</td>
 *       <td>a single local member</td></tr>
 *   <tr><td>KILOWATCH_JWT_SECRET</td><td>a random secret for this run</td></tr>
 *   <tr><td>KILOWATCH_PORT, KILOWATCH_MANAGEMENT_PORT</td><td>8080, 8081</td></tr>
 * </table>
 */
final class Infrastructure implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);

  private final Map<String, Object> properties = new HashMap<>();
  private final List<AutoCloseable> started = new ArrayList<>();
  private final List<String> summary = new ArrayList<>();
  private ProviderSandbox sandbox;

  static Infrastructure from(Map<String, String> env) {
    Infrastructure infra = new Infrastructure();
    try {
      infra.configure(env);
      return infra;
    } catch (RuntimeException e) {
      infra.close();
      throw e;
    }
  }

  private void configure(Map<String, String> env) {
    properties.put("micronaut.server.port", env.getOrDefault("KILOWATCH_PORT", "8080"));
    properties.put("endpoints.all.port", env.getOrDefault("KILOWATCH_MANAGEMENT_PORT", "8081"));

    String jdbc = env.get("KILOWATCH_JDBC_URL");
    if (isBlank(jdbc)) {
      String dataDir = env.get("KILOWATCH_DATA_DIR");
      EmbeddedPostgresServer pg =
          EmbeddedPostgresServer.start(isBlank(dataDir) ? null : Path.of(dataDir));
      started.add(pg);
      jdbc = pg.jdbcUrl();
      summary.add("PostgreSQL: embedded on port " + pg.port());
    } else {
      put("datasources.default.username", env.get("KILOWATCH_JDBC_USER"));
      put("datasources.default.password", env.get("KILOWATCH_JDBC_PASSWORD"));
      summary.add("PostgreSQL: " + jdbc.replaceAll("password=[^&]*", "password=***"));
    }
    properties.put("datasources.default.url", jdbc);

    String amqp = env.get("KILOWATCH_AMQP_URI");
    if (isBlank(amqp)) {
      EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start(0);
      started.add(broker);
      amqp = broker.uri();
      summary.add("AMQP: embedded Qpid Broker-J on port " + broker.port());
    } else {
      summary.add("AMQP: " + amqp.replaceAll("//[^@]*@", "//***@"));
    }
    properties.put("rabbitmq.uri", amqp);

    String members = env.get("KILOWATCH_HAZELCAST_MEMBERS");
    put("kilowatch.hazelcast.members", isBlank(members) ? "127.0.0.1" : members);
    put(
        "kilowatch.hazelcast.cluster-name",
        env.getOrDefault("KILOWATCH_HAZELCAST_CLUSTER", "kilowatch"));
    put("kilowatch.hazelcast.interface-address", env.get("KILOWATCH_HAZELCAST_INTERFACE"));

    String twilioSid = env.get("KILOWATCH_TWILIO_ACCOUNT_SID");
    String prefix = "kilowatch.channels.sms.twilio.";
    String twilioBackup = "kilowatch.channels.sms.twilio-backup.";
    if (isBlank(twilioSid)) {
      // the sandbox knows a primary and a backup Twilio account, each signing its own callbacks
      sandbox = ProviderSandbox.start(SandboxSettings.builder().withTwilioBackupAccount().build());
      started.add(sandbox);
      properties.put(prefix + "account-sid", SandboxSettings.DEFAULT_TWILIO_ACCOUNT_SID);
      properties.put(prefix + "auth-token", SandboxSettings.DEFAULT_TWILIO_AUTH_TOKEN);
      properties.put(prefix + "from-number", "+15005550006");
      properties.put(prefix + "base-url", sandbox.baseUrl().toString());
      // the sandbox calls back like Twilio does, signed, to this instance's status endpoint
      String self = "http://127.0.0.1:" + env.getOrDefault("KILOWATCH_PORT", "8080");
      properties.put(prefix + "status-callback-url", self + "/api/v1/providers/twilio/status");
      properties.put(prefix + "public-base-url", self);
      sandbox.twilio().inboundUrl(java.net.URI.create(self + "/api/v1/providers/twilio/inbound"));
      properties.put(
          twilioBackup + "account-sid", SandboxSettings.DEFAULT_TWILIO_BACKUP_ACCOUNT_SID);
      properties.put(twilioBackup + "auth-token", SandboxSettings.DEFAULT_TWILIO_BACKUP_AUTH_TOKEN);
      properties.put(twilioBackup + "from-number", "+15005550007");
      properties.put(twilioBackup + "base-url", sandbox.baseUrl().toString());
      properties.put(
          twilioBackup + "status-callback-url", self + "/api/v1/providers/twilio/status");
      properties.put(twilioBackup + "public-base-url", self);
      summary.add("Twilio: provider sandbox at " + sandbox.baseUrl() + " (primary and backup)");
    } else {
      properties.put(prefix + "account-sid", twilioSid);
      put(prefix + "auth-token", env.get("KILOWATCH_TWILIO_AUTH_TOKEN"));
      put(prefix + "from-number", env.get("KILOWATCH_TWILIO_FROM"));
      put(prefix + "messaging-service-sid", env.get("KILOWATCH_TWILIO_MESSAGING_SERVICE_SID"));
      put(prefix + "base-url", env.get("KILOWATCH_TWILIO_BASE_URL"));
      put(prefix + "status-callback-url", env.get("KILOWATCH_TWILIO_STATUS_CALLBACK_URL"));
      summary.add("Twilio: account " + twilioSid);
      String backupSid = env.get("KILOWATCH_TWILIO_BACKUP_ACCOUNT_SID");
      if (!isBlank(backupSid)) {
        properties.put(twilioBackup + "account-sid", backupSid);
        put(twilioBackup + "auth-token", env.get("KILOWATCH_TWILIO_BACKUP_AUTH_TOKEN"));
        put(twilioBackup + "from-number", env.get("KILOWATCH_TWILIO_BACKUP_FROM"));
        put(
            twilioBackup + "messaging-service-sid",
            env.get("KILOWATCH_TWILIO_BACKUP_MESSAGING_SERVICE_SID"));
        put(twilioBackup + "base-url", env.get("KILOWATCH_TWILIO_BACKUP_BASE_URL"));
        put(
            twilioBackup + "status-callback-url",
            env.getOrDefault(
                "KILOWATCH_TWILIO_BACKUP_STATUS_CALLBACK_URL",
                env.get("KILOWATCH_TWILIO_STATUS_CALLBACK_URL")));
        summary.add("Twilio backup: account " + backupSid);
      }
    }

    String sendgridKey = env.get("KILOWATCH_SENDGRID_API_KEY");
    String email = "kilowatch.channels.email.sendgrid.";
    if (isBlank(sendgridKey)) {
      if (sandbox == null) {
        sandbox = ProviderSandbox.start(SandboxSettings.defaults());
        started.add(sandbox);
      }
      String self = "http://127.0.0.1:" + env.getOrDefault("KILOWATCH_PORT", "8080");
      properties.put(email + "api-key", SandboxSettings.DEFAULT_SENDGRID_API_KEY);
      properties.put(email + "from-email", "alerts@kilowatch.example");
      properties.put(email + "from-name", "Kilowatch");
      properties.put(email + "base-url", sandbox.baseUrl().toString());
      properties.put(email + "event-webhook-public-key", sandbox.sendgrid().events().publicKey());
      sandbox
          .sendgrid()
          .events()
          .webhook(java.net.URI.create(self + "/api/v1/providers/sendgrid/events"));
      summary.add("SendGrid: provider sandbox at " + sandbox.baseUrl());
    } else {
      properties.put(email + "api-key", sendgridKey);
      put(email + "from-email", env.get("KILOWATCH_SENDGRID_FROM"));
      put(email + "from-name", env.get("KILOWATCH_SENDGRID_FROM_NAME"));
      put(email + "event-webhook-public-key", env.get("KILOWATCH_SENDGRID_WEBHOOK_PUBLIC_KEY"));
      summary.add("SendGrid: configured account");
    }

    String fcmProject = env.get("KILOWATCH_FCM_PROJECT_ID");
    String push = "kilowatch.channels.push.fcm.";
    if (isBlank(fcmProject)) {
      if (sandbox == null) {
        sandbox = ProviderSandbox.start(SandboxSettings.defaults());
        started.add(sandbox);
      }
      properties.put(push + "project-id", "kilowatch-demo");
      properties.put(push + "access-token", SandboxSettings.DEFAULT_FCM_ACCESS_TOKEN);
      properties.put(push + "base-url", sandbox.baseUrl().toString());
      summary.add("FCM: provider sandbox at " + sandbox.baseUrl());
    } else {
      properties.put(push + "project-id", fcmProject);
      put(push + "credentials", env.get("KILOWATCH_FCM_CREDENTIALS"));
      summary.add("FCM: project " + fcmProject);
    }

    String publicUrl =
        env.getOrDefault(
            "KILOWATCH_PUBLIC_URL",
            "http://127.0.0.1:" + env.getOrDefault("KILOWATCH_PORT", "8080"));
    // one-click unsubscribe links (consent-gdpr); without a secret of their own they are keyed
    // from the subject-hash key
    properties.put("kilowatch.unsubscribe.base-url", publicUrl);
    put("kilowatch.unsubscribe.secret", env.get("KILOWATCH_UNSUBSCRIBE_SECRET"));

    // email open/click tracking (delivery): a dev secret only when email goes to the sandbox
    String tracking = env.get("KILOWATCH_TRACKING_SECRET");
    if (isBlank(tracking) && isBlank(sendgridKey)) {
      tracking = "kilowatch-demo-tracking-secret-for-the-sandbox-only";
    }
    if (!isBlank(tracking)) {
      properties.put("kilowatch.tracking.secret", tracking);
      properties.put("kilowatch.tracking.base-url", publicUrl);
    }

    String secret = env.get("KILOWATCH_JWT_SECRET");
    if (isBlank(secret)) {
      byte[] random = new byte[48];
      new SecureRandom().nextBytes(random);
      secret = Base64.getEncoder().encodeToString(random);
      LOG.warn(
          "KILOWATCH_JWT_SECRET is not set: tokens are signed with a random secret for this run");
    }
    properties.put("micronaut.security.token.jwt.signatures.secret.generator.secret", secret);
  }

  Map<String, Object> properties() {
    return properties;
  }

  List<String> summary() {
    return summary;
  }

  /** The provider sandbox, when this run uses it. */
  java.util.Optional<ProviderSandbox> sandbox() {
    return java.util.Optional.ofNullable(sandbox);
  }

  private void put(String key, String value) {
    if (!isBlank(value)) {
      properties.put(key, value);
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        LOG.warn("stopping {}: {}", started.get(i).getClass().getSimpleName(), e.toString());
      }
    }
    started.clear();
  }
}
