package io.kilowatch.channel.push;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import io.kilowatch.channel.Channel;
import io.kilowatch.channel.ChannelSender;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.channel.SendResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Sends push notifications to one device registration token per {@link #send} through one FCM
 * profile (Firebase project and credentials) with the Firebase Admin SDK ({@code POST
 * /v1/projects/{project}/messages:send}), exactly once, and classifies the answer (see {@link
 * FcmAnswers} and {@link PushErrorCodes}). Never throws for FCM's answer or a network failure.
 *
 * <p>Each sender owns a {@link FirebaseApp} with a unique name (never the default app) and its own
 * HTTP transport, built from the settings at construction, so a primary and a backup profile live
 * side by side and share no mutable state. Thread-safe; {@link #close()} deletes the app.
 */
public final class FcmPushSender implements ChannelSender, AutoCloseable {
  /** MDC key under which every log line of a send carries Kilowatch's notification id. */
  public static final String MDC_NOTIFICATION_ID = "notificationId";

  private static final Logger LOG = LoggerFactory.getLogger(FcmPushSender.class);
  private static final AtomicInteger APPS = new AtomicInteger();
  private static final Set<Integer> APNS_PRIORITIES = Set.of(1, 5, 10);

  private final String provider;
  private final FcmTransport transport;
  private final FirebaseApp app;
  private final FirebaseMessaging messaging;
  private final FcmMessages messages;
  private final FcmAnswers answers;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Builds a sender and its Firebase app. Reads the service account key file, if configured; makes
   * no network call.
   *
   * @throws IllegalArgumentException if the settings are incomplete or malformed
   * @throws UncheckedIOException if the service account key cannot be read
   */
  public FcmPushSender(FcmProfileSettings settings) {
    this(settings, Clock.systemUTC());
  }

  /**
   * As {@link #FcmPushSender(FcmProfileSettings)}; {@code clock} dates APNs expiry and Retry-After.
   */
  FcmPushSender(FcmProfileSettings settings, Clock clock) {
    Objects.requireNonNull(settings, "settings");
    String prefix = settings.prefix() + ".";
    this.provider = required(settings.getProvider(), prefix + "provider");
    String projectId = required(settings.getProjectId(), prefix + "project-id");
    Duration connectTimeout = positive(settings.getConnectTimeout(), prefix + "connect-timeout");
    Duration readTimeout = positive(settings.getReadTimeout(), prefix + "read-timeout");
    if (settings.getTtl() != null && settings.getTtl().isNegative()) {
      throw new IllegalArgumentException(prefix + "ttl must not be negative: " + settings.getTtl());
    }
    if (!APNS_PRIORITIES.contains(settings.getApnsPriority())) {
      throw new IllegalArgumentException(
          prefix + "apns-priority must be 10, 5 or 1: " + settings.getApnsPriority());
    }
    this.messages =
        new FcmMessages(
            settings.getTtl(),
            androidPriority(settings.getAndroidPriority(), prefix),
            settings.getApnsPriority(),
            clock);
    GoogleCredentials credentials = credentials(settings, prefix);
    URI baseUrl = baseUrl(settings.getBaseUrl(), prefix);

    this.transport = new FcmTransport(baseUrl, connectTimeout, provider);
    try {
      FirebaseOptions options =
          FirebaseOptions.builder()
              .setProjectId(projectId)
              .setCredentials(credentials)
              .setHttpTransport(transport)
              .setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()))
              .setReadTimeout(Math.toIntExact(readTimeout.toMillis()))
              .build();
      // A name of our own: the default app is a JVM-wide singleton that another library (or a
      // second profile) could configure differently.
      this.app =
          FirebaseApp.initializeApp(
              options, "kilowatch-" + provider + "-" + APPS.incrementAndGet());
      this.messaging = FirebaseMessaging.getInstance(app);
    } catch (RuntimeException e) {
      transport.shutdown();
      throw e;
    }
    this.answers = new FcmAnswers(provider, clock);
  }

  @Override
  public Channel channel() {
    return Channel.PUSH;
  }

  @Override
  public String provider() {
    return provider;
  }

  /**
   * Sends one push notification to the device token in {@code message.recipient()}.
   *
   * @throws IllegalArgumentException if the message is not for the push channel (a caller's bug,
   *     not a provider answer)
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public SendResult send(OutboundMessage message) {
    if (message.channel() != Channel.PUSH) {
      throw new IllegalArgumentException("not a push message: " + message.channel());
    }
    if (closed.get()) {
      throw new IllegalStateException("sender " + provider + " is closed");
    }
    String previous = MDC.get(MDC_NOTIFICATION_ID);
    MDC.put(MDC_NOTIFICATION_ID, message.notificationId());
    try {
      return sendOnce(message);
    } finally {
      // Restore rather than remove: the caller may have set the key for its own log lines.
      if (previous == null) {
        MDC.remove(MDC_NOTIFICATION_ID);
      } else {
        MDC.put(MDC_NOTIFICATION_ID, previous);
      }
    }
  }

  private SendResult sendOnce(OutboundMessage outbound) {
    if (outbound.recipient().isBlank()) {
      // No token can ever be reached this way; FCM need not be asked.
      LOG.info("Push without a device token");
      return new SendResult.PermanentFailure(
          provider, PushErrorCodes.INVALID_TOKEN, "empty registration token");
    }
    Message message;
    try {
      message = messages.toFcm(outbound);
    } catch (IllegalArgumentException e) {
      LOG.warn("Push cannot be expressed as an FCM message: {}", e.getMessage());
      return new SendResult.PermanentFailure(
          provider, PushErrorCodes.INVALID_MESSAGE, e.getMessage());
    }
    try {
      String name = messaging.send(message);
      if (name == null || name.isBlank()) {
        LOG.error("FCM answered without a message name");
        return answers.acceptedWithoutName();
      }
      LOG.debug("FCM accepted push as {}", name);
      return new SendResult.Accepted(provider, name);
    } catch (FirebaseMessagingException e) {
      SendResult result = answers.failure(e);
      log(result, e);
      return result;
    }
  }

  private static void log(SendResult result, FirebaseMessagingException error) {
    if (result instanceof SendResult.PermanentFailure p) {
      if (PushErrorCodes.AUTH.equals(p.errorCode())) {
        LOG.error("FCM rejected credentials: {}", p.message());
      } else if (PushErrorCodes.removesToken(p.errorCode())) {
        LOG.info("FCM reports the device token dead: {} {}", p.errorCode(), p.message());
      } else {
        LOG.warn("FCM refused push permanently: {} {}", p.errorCode(), p.message());
      }
    } else if (result instanceof SendResult.RetryableFailure r) {
      // The stack trace only at debug: under an outage this line repeats thousands of times.
      LOG.warn(
          "FCM send failed, retryable: {} {} (retry after {})",
          r.errorCode(),
          r.message(),
          r.retryAfter(),
          LOG.isDebugEnabled() ? error : null);
    }
  }

  /** Deletes the Firebase app and stops the HTTP client; sends after this throw. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      app.delete();
      transport.shutdown();
    }
  }

  private static GoogleCredentials credentials(FcmProfileSettings settings, String prefix) {
    String path = blankToNull(settings.getCredentials());
    String token = blankToNull(settings.getAccessToken());
    if ((path == null) == (token == null)) {
      throw new IllegalArgumentException(
          "exactly one of " + prefix + "credentials and " + prefix + "access-token is required");
    }
    if (token != null) {
      return new StaticAccessTokenCredentials(token);
    }
    // Only a service account key: fromStream of GoogleCredentials would also accept external
    // account configurations, which can make the SDK run commands or call arbitrary URLs.
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      return ServiceAccountCredentials.fromStream(in);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the service account key " + prefix + "credentials=" + path, e);
    }
  }

  private static AndroidConfig.Priority androidPriority(String value, String prefix) {
    String priority = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    switch (priority) {
      case "normal":
        return AndroidConfig.Priority.NORMAL;
      case "high":
        return AndroidConfig.Priority.HIGH;
      default:
        throw new IllegalArgumentException(
            prefix + "android-priority must be normal or high: " + value);
    }
  }

  /** Scheme, host and port only: the SDK's paths are kept, so a path here would be lost. */
  private static URI baseUrl(String value, String prefix) {
    if (blankToNull(value) == null) {
      return null;
    }
    String problem = prefix + "base-url must be http(s)://host[:port]: ";
    URI uri;
    try {
      uri = URI.create(value.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(problem + value, e);
    }
    boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
    String path = uri.getPath();
    if (!http
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || (path != null && !path.isEmpty() && !path.equals("/"))) {
      throw new IllegalArgumentException(problem + value);
    }
    return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
  }

  private static Duration positive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
