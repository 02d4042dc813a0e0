package io.kilowatch.channel.push;

import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.AndroidNotification;
import com.google.firebase.messaging.ApnsConfig;
import com.google.firebase.messaging.Aps;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.Notification;
import io.kilowatch.channel.OutboundMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns an {@link OutboundMessage} into an FCM {@link Message}:
 *
 * <ul>
 *   <li>{@code recipient} → {@code token}; {@code subject} / {@code body} → {@code notification}
 *       title and body
 *   <li>metadata {@code data.<key>} → {@code data.<key>}; {@code notificationId} is always added so
 *       the app can report opens back (it wins over a {@code data.notificationId} entry)
 *   <li>metadata {@code category} → Android {@code notification.channel_id} and APNs {@code
 *       aps.thread-id}
 *   <li>metadata {@code priority=critical} → Android priority {@code high} and {@code
 *       apns-priority: 10}; otherwise the profile's {@code android-priority} and {@code
 *       apns-priority}
 *   <li>the profile's {@code ttl} → Android {@code ttl} and {@code apns-expiration} (now + ttl, or
 *       {@code 0} for zero: deliver now or never)
 * </ul>
 *
 * Immutable and thread-safe.
 */
final class FcmMessages {
  static final String DATA_PREFIX = "data.";
  static final String NOTIFICATION_ID_KEY = "notificationId";
  static final String CRITICAL = "critical";

  private final Duration ttl;
  private final AndroidConfig.Priority androidPriority;
  private final String apnsPriority;
  private final Clock clock;

  FcmMessages(Duration ttl, AndroidConfig.Priority androidPriority, int apnsPriority, Clock clock) {
    this.ttl = ttl;
    this.androidPriority = androidPriority;
    this.apnsPriority = Integer.toString(apnsPriority);
    this.clock = clock;
  }

  /**
   * @throws IllegalArgumentException if the SDK refuses to build the message (e.g. empty token)
   */
  Message toFcm(OutboundMessage message) {
    Map<String, String> metadata = message.metadata();
    boolean critical = CRITICAL.equalsIgnoreCase(metadata.get("priority"));
    String category = blankToNull(metadata.get("category"));
    return Message.builder()
        .setToken(message.recipient())
        .setNotification(
            Notification.builder().setTitle(message.subject()).setBody(message.body()).build())
        .putAllData(data(message))
        .setAndroidConfig(android(critical, category))
        .setApnsConfig(apns(critical, category))
        .build();
  }

  private static Map<String, String> data(OutboundMessage message) {
    Map<String, String> data = new TreeMap<>();
    message
        .metadata()
        .forEach(
            (key, value) -> {
              if (key.startsWith(DATA_PREFIX) && key.length() > DATA_PREFIX.length()) {
                data.put(key.substring(DATA_PREFIX.length()), value);
              }
            });
    data.put(NOTIFICATION_ID_KEY, message.notificationId());
    return data;
  }

  private AndroidConfig android(boolean critical, String category) {
    AndroidConfig.Builder android =
        AndroidConfig.builder()
            .setPriority(critical ? AndroidConfig.Priority.HIGH : androidPriority);
    if (ttl != null) {
      android.setTtl(ttl.toMillis());
    }
    if (category != null) {
      android.setNotification(AndroidNotification.builder().setChannelId(category).build());
    }
    return android.build();
  }

  private ApnsConfig apns(boolean critical, String category) {
    ApnsConfig.Builder apns =
        ApnsConfig.builder().putHeader("apns-priority", critical ? "10" : apnsPriority);
    if (ttl != null) {
      // APNs takes an absolute UNIX time; 0 means "deliver once, do not store".
      apns.putHeader(
          "apns-expiration",
          ttl.isZero() ? "0" : Long.toString(clock.instant().plus(ttl).getEpochSecond()));
    }
    Aps.Builder aps = Aps.builder();
    if (category != null) {
      aps.setThreadId(category);
    }
    return apns.setAps(aps.build()).build();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
