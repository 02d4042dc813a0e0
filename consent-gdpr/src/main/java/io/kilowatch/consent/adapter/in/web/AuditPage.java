package io.kilowatch.consent.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.kilowatch.consent.domain.AuditEntry;
import java.util.List;

/**
 * A page of the audit log, newest first; {@code next} is the URL of the following (older) page, or
 * null on the last.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record AuditPage(List<Entry> entries, String next) {
  /**
   * @param customerId whose data; null once the person was erased
   * @param subjectHash the erased person's subject hash; null otherwise
   * @param details the facts recorded with the action, as a JSON object
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Entry(
      long id,
      String occurredAt,
      String actor,
      String role,
      String action,
      String customerId,
      String subjectHash,
      String reason,
      @JsonRawValue String details) {
    static Entry of(AuditEntry e) {
      return new Entry(
          e.id(),
          e.occurredAt().toString(),
          e.actor(),
          e.role(),
          e.action(),
          e.subjectErased() ? null : e.customerId(),
          e.subjectErased() ? e.customerId() : null,
          e.reason(),
          e.detailsJson());
    }
  }
}
