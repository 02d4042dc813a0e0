package io.kilowatch.preference.application;

import io.kilowatch.platform.security.Roles;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is acting, as the web layer authenticated them: a customer on their own data, or a staff
 * member on any customer's. Staff actions, reads included, are audited; so are customers' changes.
 *
 * @param id the token's subject: a customer id, or a staff member's id
 * @param roles the token's roles
 * @param reason the reason staff gave for the action ({@code X-Kilowatch-Reason}); may be null
 */
public record Actor(String id, Set<String> roles, String reason) {
  private static final Set<String> STAFF = Set.of(Roles.SUPPORT, Roles.ADMIN, Roles.COMPLIANCE);

  public Actor {
    Objects.requireNonNull(id, "id");
    roles = Set.copyOf(roles);
  }

  /** Whether the actor acts for others (support, admin, compliance) rather than for themselves. */
  public boolean isStaff() {
    return roles.stream().anyMatch(STAFF::contains);
  }

  public boolean isAdmin() {
    return roles.contains(Roles.ADMIN);
  }

  /** The roles as the audit log keeps them: sorted, comma separated. */
  public String rolesText() {
    return String.join(",", new TreeSet<>(roles));
  }
}
