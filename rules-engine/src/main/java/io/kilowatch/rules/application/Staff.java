package io.kilowatch.rules.application;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A staff member acting on a customer's rules, as the web layer authenticated them; every such
 * access is audited.
 *
 * @param id the token's subject
 * @param roles the token's roles
 * @param reason the reason they gave ({@code X-Kilowatch-Reason}); may be null
 */
public record Staff(String id, Set<String> roles, String reason) {
  public Staff {
    Objects.requireNonNull(id, "id");
    roles = Set.copyOf(roles);
  }

  /** The roles as the audit log keeps them: sorted, comma separated. */
  public String rolesText() {
    return String.join(",", new TreeSet<>(roles));
  }
}
