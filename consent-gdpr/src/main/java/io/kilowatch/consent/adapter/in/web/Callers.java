package io.kilowatch.consent.adapter.in.web;

import io.micronaut.security.authentication.Authentication;

/** Who is calling, for audit entries and evidence. */
final class Callers {
  static final String REASON_HEADER = "X-Kilowatch-Reason";

  private Callers() {}

  /** The first of the endpoint's roles the caller holds: the role they act in. */
  static String role(Authentication caller, String... allowed) {
    for (String role : allowed) {
      if (caller.getRoles().contains(role)) {
        return role;
      }
    }
    // unreachable behind @Secured with the same roles
    throw new IllegalStateException("caller has none of the roles " + String.join(", ", allowed));
  }

  /** The reason from the body when given, else from the header; null when neither. */
  static String reason(String body, String header) {
    if (body != null && !body.isBlank()) {
      return body;
    }
    return header == null || header.isBlank() ? null : header;
  }
}
