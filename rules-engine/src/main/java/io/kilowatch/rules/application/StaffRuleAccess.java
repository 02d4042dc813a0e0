package io.kilowatch.rules.application;

import io.kilowatch.rules.application.port.out.AuditLog;
import io.kilowatch.rules.application.port.out.RuleStore;
import io.kilowatch.rules.domain.Rule;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Staff looking at any customer's rules, audited: each look is written to {@code rules.audit_log}
 * in the same transaction as the read, so there is no answer without its audit entry. Reading the
 * audit log is audited too. Thread-safe.
 */
@Singleton
public class StaffRuleAccess {
  public static final String READ_RULES = "rules.read";
  public static final String READ_AUDIT = "audit.read";
  public static final int MAX_AUDIT_PAGE = 500;

  private final RuleStore rules;
  private final AuditLog audit;
  private final Clock clock;
  private final TransactionOperations<Connection> transactions;

  StaffRuleAccess(
      RuleStore rules,
      AuditLog audit,
      Clock clock,
      TransactionOperations<Connection> transactions) {
    this.rules = rules;
    this.audit = audit;
    this.clock = clock;
    this.transactions = transactions;
  }

  /** The customer's rules (oldest first), and an audit entry saying who saw how many. */
  public List<Rule> rulesOf(Staff staff, String customerId) {
    return transactions.executeWrite(
        status -> {
          List<Rule> found = rules.findByCustomer(customerId);
          audit.append(entry(staff, customerId, READ_RULES, "viewed " + found.size() + " rules"));
          return found;
        });
  }

  /** A page of the audit entries on the customer's rules, newest first; audited itself. */
  public List<AuditLog.Entry> auditOf(Staff staff, String customerId, Long beforeId, int limit) {
    return transactions.executeWrite(
        status -> {
          List<AuditLog.Entry> page = audit.list(customerId, beforeId, limit);
          audit.append(
              entry(staff, customerId, READ_AUDIT, "viewed " + page.size() + " audit entries"));
          return page;
        });
  }

  private AuditLog.Entry entry(Staff staff, String customerId, String action, String summary) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return new AuditLog.Entry(
        null, now, staff.id(), staff.rolesText(), customerId, action, summary, staff.reason());
  }
}
