package io.kilowatch.preference.adapter.in.web;

import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.platform.web.NotFoundException;
import io.kilowatch.preference.application.Actor;
import io.micronaut.security.authentication.Authentication;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Turns an authenticated request into the {@link Actor} the application audits. */
final class Callers {
  static final String REASON_HEADER = "X-Kilowatch-Reason";
  static final int MAX_REASON_LENGTH = 500;
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  private Callers() {}

  /** A customer acting on their own data; their id is the token's subject. */
  static Actor customer(Authentication who) {
    return new Actor(who.getName(), new HashSet<>(who.getRoles()), null);
  }

  /**
   * A staff member acting for a customer, with the reason they gave, if any.
   *
   * @throws InvalidInputException naming the reason header when it is too long or holds control
   *     characters
   */
  static Actor staff(Authentication who, String reason) {
    String given = reason == null || reason.isBlank() ? null : reason.strip();
    if (given != null && (given.length() > MAX_REASON_LENGTH || CONTROL.matcher(given).find())) {
      throw InvalidInputException.of(
          REASON_HEADER, "must be at most " + MAX_REASON_LENGTH + " characters of plain text");
    }
    Set<String> roles = new HashSet<>(who.getRoles());
    return new Actor(who.getName(), roles, given);
  }

  /** A contact point id from the path; anything that is not one is a point that does not exist. */
  static UUID contactPointId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("contact point");
    }
  }
}
