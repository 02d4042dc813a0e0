package io.kilowatch.events.notification;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Critical notifications (outages) may bypass quiet hours; never a channel opt-out. */
public enum NotificationPriority {
  NORMAL,
  CRITICAL;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static NotificationPriority fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
