package io.kilowatch.consent.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How a grant or withdrawal reached Kilowatch; part of its evidence. */
public enum ConsentSource {
  /** The self-service page; the IP address is the evidence. */
  WEB("web"),
  /** An SMS keyword (STOP, START) from the person's phone; the number is the evidence. */
  SMS_KEYWORD("sms-keyword"),
  /** An unsubscribe link or List-Unsubscribe one-click from an email. */
  EMAIL_UNSUBSCRIBE("email-unsubscribe"),
  /** The retailer's app or systems through the API; the IP address is the evidence. */
  API("api"),
  /** Support staff on the phone with the person; the staff member is the actor. */
  STAFF_PHONE("staff-phone"),
  /** A migration of consents recorded elsewhere before Kilowatch. */
  IMPORT("import");

  private final String wireName;

  ConsentSource(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<ConsentSource> fromWire(String value) {
    return Arrays.stream(values()).filter(s -> s.wireName.equals(value)).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(ConsentSource::wireName).toList();
  }
}
