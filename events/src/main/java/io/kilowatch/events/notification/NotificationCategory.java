package io.kilowatch.events.notification;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a notification is about; customers choose channels per category. */
public enum NotificationCategory {
  USAGE,
  COST,
  PRICE,
  OUTAGE,
  BILLING,
  MARKETING;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static NotificationCategory fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
