package io.kilowatch.preference.adapter.in.web;

import io.kilowatch.platform.security.Roles;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.preference.application.PreferenceAuditService;
import io.kilowatch.preference.application.port.in.CustomerIdInput;
import io.kilowatch.preference.domain.AuditEntry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log of a customer's preferences and contact points, newest first, for support and
 * compliance. Page with {@code ?limit=} (default 100, at most 500) and {@code ?before=<id>} (the
 * last id of the previous page). Reading it is audited too.
 */
@Controller("/api/v1/customers/{customerId}/preference-audit")
class PreferenceAuditController {
  static final int DEFAULT_LIMIT = 100;

  private final PreferenceAuditService audit;

  PreferenceAuditController(PreferenceAuditService audit) {
    this.audit = audit;
  }

  @Get
  @Secured({Roles.SUPPORT, Roles.COMPLIANCE})
  JsonDocument list(
      String customerId,
      Authentication who,
      @Nullable @Header(Callers.REASON_HEADER) String reason,
      @Nullable @QueryValue("limit") String limit,
      @Nullable @QueryValue("before") String before) {
    var actor = Callers.staff(who, reason);
    List<AuditEntry> entries =
        audit.list(
            actor,
            CustomerIdInput.require(customerId),
            before == null ? null : number("before", before),
            limit == null
                ? DEFAULT_LIMIT
                : (int) Math.min(Integer.MAX_VALUE, number("limit", limit)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("entries", entries.stream().map(PreferenceAuditController::document).toList());
    return new JsonDocument(body);
  }

  /** Out of range stays out of range (the service names it), without overflowing int. */
  private static int limit(long value) {
    return (int) Math.max(0, Math.min(PreferenceAuditService.MAX_LIMIT + 1L, value));
  }

  private static long number(String field, String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw InvalidInputException.of(field, "must be a whole number");
    }
  }

  private static Map<String, Object> document(AuditEntry e) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("id", e.id());
    doc.put("at", e.at().toString());
    doc.put("actor", e.actor());
    doc.put("actorRoles", List.of(e.actorRoles().split(",")));
    doc.put("customerId", e.customerId());
    doc.put("action", e.action());
    doc.put("target", e.target());
    doc.put("summary", e.summary());
    doc.put("reason", e.reason());
    doc.put("before", e.before());
    doc.put("after", e.after());
    return doc;
  }
}
