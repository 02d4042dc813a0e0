package io.kilowatch.preference.application;

import io.kilowatch.preference.domain.ContactPoint;
import io.kilowatch.preference.domain.PendingVerification;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of a contact point, as the API answers and the audit log records it. Never contains
 * a verification code or its hash.
 */
public final class ContactPointDocument {
  private ContactPointDocument() {}

  /**
   * @param pending the point's pending verification, or null
   * @param maxAttempts attempts a code allows
   */
  public static Map<String, Object> of(
      ContactPoint p, PendingVerification pending, int maxAttempts) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("id", p.id().toString());
    doc.put("channel", p.channel().wireName());
    doc.put("address", p.address());
    if (p.platform() != null) {
      doc.put("platform", p.platform().wireName());
    }
    doc.put("verified", p.verified());
    doc.put("verifiedAt", p.verifiedAt() == null ? null : p.verifiedAt().toString());
    doc.put("createdAt", p.createdAt().toString());
    if (!p.verified() && pending != null) {
      Map<String, Object> verification = new LinkedHashMap<>();
      verification.put("expiresAt", pending.expiresAt().toString());
      verification.put("attemptsLeft", pending.attemptsLeft(maxAttempts));
      doc.put("verification", verification);
    }
    return doc;
  }
}
