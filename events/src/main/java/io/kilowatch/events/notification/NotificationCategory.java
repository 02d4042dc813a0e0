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
  MARKETING,
  /**
   * About the customer's account itself, asked for by the customer: the code that verifies a new
   * phone number or email address. Goes only to the contact point it is about; no quiet hours,
   * caps, digests or tracking.
   */
  ACCOUNT;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static NotificationCategory fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
