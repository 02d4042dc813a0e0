package io.kilowatch.rules.adapter.in.web;

import io.kilowatch.platform.security.Roles;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.rules.application.Staff;
import io.kilowatch.rules.application.StaffRuleAccess;
import io.kilowatch.rules.application.port.out.AuditLog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Operators' read-only view of any customer's rules: support staff (who help customers) and
 * administrators. Marketing and operations ({@code ops}) see aggregates elsewhere, not one
 * customer's rules. Every view is audited with the staff member, their roles and the reason they
 * give in {@code X-Kilowatch-Reason} (optional); compliance officers and administrators read that
 * audit.
 */
@Controller("/api/v1/customers/{customerId}")
class CustomerRulesController {
  static final String REASON_HEADER = "X-Kilowatch-Reason";
  static final int MAX_REASON_LENGTH = 500;
  static final int MAX_CUSTOMER_ID_LENGTH = 200;
  static final int DEFAULT_AUDIT_PAGE = 100;
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  private final StaffRuleAccess access;

  CustomerRulesController(StaffRuleAccess access) {
    this.access = access;
  }

  /** The customer's rules; an empty list for a customer without rules (or unknown here). */
  @Get("/rules")
  @Secured({Roles.SUPPORT, Roles.ADMIN})
  RuleView.Page list(
      String customerId, Authentication who, @Nullable @Header(REASON_HEADER) String reason) {
    Staff staff = staff(who, reason);
    return RuleView.Page.of(access.rulesOf(staff, customerId(customerId)));
  }

  /** Who looked at the customer's rules, newest first; {@code before} pages on. */
  @Get("/rules-audit{?limit,before}")
  @Secured({Roles.COMPLIANCE, Roles.ADMIN})
  AuditPage audit(
      String customerId,
      @Nullable @QueryValue String limit,
      @Nullable @QueryValue String before,
      Authentication who,
      @Nullable @Header(REASON_HEADER) String reason) {
    Staff staff = staff(who, reason);
    List<FieldError> errors = new ArrayList<>();
    Long size = number(limit, "limit", 1, StaffRuleAccess.MAX_AUDIT_PAGE, errors);
    Long beforeId = number(before, "before", 1, Long.MAX_VALUE, errors);
    String customer = customerId(customerId);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    var page =
        access.auditOf(
            staff, customer, beforeId, size == null ? DEFAULT_AUDIT_PAGE : size.intValue());
    return new AuditPage(page.stream().map(AuditView::of).toList());
  }

  record AuditPage(List<AuditView> entries) {}

  record AuditView(
      long id,
      Instant at,
      String actor,
      List<String> actorRoles,
      String customerId,
      String action,
      String summary,
      String reason) {
    static AuditView of(AuditLog.Entry e) {
      return new AuditView(
          e.id(),
          e.at(),
          e.actor(),
          List.of(e.actorRoles().split(",")),
          e.customerId(),
          e.action(),
          e.summary(),
          e.reason());
    }
  }

  private static Staff staff(Authentication who, String reason) {
    String given = reason == null || reason.isBlank() ? null : reason.strip();
    if (given != null && (given.length() > MAX_REASON_LENGTH || CONTROL.matcher(given).find())) {
      throw InvalidInputException.of(
          REASON_HEADER, "must be at most " + MAX_REASON_LENGTH + " characters of plain text");
    }
    return new Staff(who.getName(), new HashSet<>(who.getRoles()), given);
  }

  private static String customerId(String customerId) {
    if (customerId.isBlank()
        || customerId.length() > MAX_CUSTOMER_ID_LENGTH
        || CONTROL.matcher(customerId).find()) {
      throw InvalidInputException.of(
          "customerId",
          "must be 1 to " + MAX_CUSTOMER_ID_LENGTH + " characters without control characters");
    }
    return customerId;
  }

  private static Long number(
      String text, String field, long min, long max, List<FieldError> errors) {
    if (text == null) {
      return null;
    }
    try {
      long value = Long.parseLong(text.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    errors.add(new FieldError(field, "must be a whole number from " + min + " to " + max));
    return null;
  }
}
