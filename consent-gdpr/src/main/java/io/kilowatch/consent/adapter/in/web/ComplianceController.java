package io.kilowatch.consent.adapter.in.web;

import io.kilowatch.consent.application.DataSubjectService;
import io.kilowatch.consent.application.port.in.AuditQuery;
import io.kilowatch.consent.domain.AuditEntry;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.platform.web.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** Compliance officers read erasure receipts and the audit log (both reads audited). */
@Controller("/api/v1")
class ComplianceController {
  private final DataSubjectService requests;

  ComplianceController(DataSubjectService requests) {
    this.requests = requests;
  }

  @Get("/erasure-receipts/{id}")
  @Secured(Roles.COMPLIANCE)
  ReceiptView receipt(String id, Authentication caller) {
    UUID receiptId;
    try {
      receiptId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("erasure receipt");
    }
    return ReceiptView.of(requests.receipt(receiptId, caller.getName(), Roles.COMPLIANCE));
  }

  /** Newest first; every parameter optional; {@code from} inclusive, {@code to} exclusive. */
  @Get("/audit-log")
  @Secured(Roles.COMPLIANCE)
  AuditPage auditLog(
      @Nullable @QueryValue String actor,
      @Nullable @QueryValue String customerId,
      @Nullable @QueryValue String action,
      @Nullable @QueryValue String from,
      @Nullable @QueryValue String to,
      @Nullable @QueryValue String before,
      @Nullable @QueryValue String limit,
      Authentication caller) {
    AuditQuery query = AuditQuery.parse(actor, customerId, action, from, to, before, limit);
    List<AuditEntry> entries = requests.auditLog(query, caller.getName(), Roles.COMPLIANCE);
    String next = null;
    if (entries.size() == query.limit()) {
      next = nextPage(query, entries.get(entries.size() - 1).id());
    }
    return new AuditPage(entries.stream().map(AuditPage.Entry::of).toList(), next);
  }

  private static String nextPage(AuditQuery q, long lastId) {
    StringBuilder url = new StringBuilder("/api/v1/audit-log?limit=").append(q.limit());
    param(url, "actor", q.actor());
    param(url, "customerId", q.customerId());
    param(url, "action", q.action());
    param(url, "from", q.from() == null ? null : q.from().toString());
    param(url, "to", q.to() == null ? null : q.to().toString());
    param(url, "before", Long.toString(lastId));
    return url.toString();
  }

  private static void param(StringBuilder url, String name, String value) {
    if (value != null) {
      url.append('&')
          .append(name)
          .append('=')
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }
}
