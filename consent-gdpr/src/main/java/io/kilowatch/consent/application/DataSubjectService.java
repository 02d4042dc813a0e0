package io.kilowatch.consent.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.consent.application.port.in.Inputs;
import io.kilowatch.consent.application.port.out.ConsentLedger;
import io.kilowatch.consent.application.port.out.ReceiptStore;
import io.kilowatch.consent.application.port.out.SuppressionList;
import io.kilowatch.consent.domain.AuditEntry;
import io.kilowatch.consent.domain.ErasureReceipt;
import io.kilowatch.consent.domain.Redaction;
import io.kilowatch.platform.gdpr.DataSubject;
import io.kilowatch.platform.gdpr.PersonalDataContributor;
import io.kilowatch.platform.web.NotFoundException;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data-subject requests across every module, through the {@link PersonalDataContributor} SPI:
 * export (Art. 15/20) and erasure (Art. 17). Thread-safe.
 */
@Singleton
public class DataSubjectService {
  private static final Logger LOG = LoggerFactory.getLogger(DataSubjectService.class);
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final List<PersonalDataContributor> contributors;
  private final SubjectHasher hasher;
  private final SuppressionList suppressed;
  private final ConsentLedger ledger;
  private final ConsentStates states;
  private final ReceiptStore receipts;
  private final AuditLogService audit;
  private final ObjectMapper json;
  private final Clock clock;
  private final TransactionOperations<Connection> transactions;

  DataSubjectService(
      List<PersonalDataContributor> contributors,
      SubjectHasher hasher,
      SuppressionList suppressed,
      ConsentLedger ledger,
      ConsentStates states,
      ReceiptStore receipts,
      AuditLogService audit,
      ObjectMapper json,
      Clock clock,
      TransactionOperations<Connection> transactions) {
    Set<String> modules = new HashSet<>();
    for (PersonalDataContributor c : contributors) {
      String module = c.module();
      if (module == null || !module.matches("[a-z][a-z0-9-]*")) {
        throw new IllegalStateException(
            c.getClass().getName() + " has module name '" + module + "': use lower-case letters");
      }
      if (!modules.add(module)) {
        throw new IllegalStateException("two PersonalDataContributors for module " + module);
      }
    }
    this.contributors =
        contributors.stream()
            .sorted(Comparator.comparing(PersonalDataContributor::module))
            .toList();
    this.hasher = hasher;
    this.suppressed = suppressed;
    this.ledger = ledger;
    this.states = states;
    this.receipts = receipts;
    this.audit = audit;
    this.json = json;
    this.clock = clock;
    this.transactions = transactions;
  }

  /** The modules taking part, in the order they are asked. */
  public List<String> modules() {
    return contributors.stream().map(PersonalDataContributor::module).toList();
  }

  /**
   * Everything every module holds about the person, as one ZIP archive; audited as {@code
   * data-subject.exported}. Reads one consistent snapshot of the database.
   *
   * @throws io.kilowatch.platform.web.InvalidInputException 400 on {@code customerId} or {@code
   *     reason}, 410 when the person was erased
   * @throws DataSubjectRequestFailedException when a module fails
   */
  @Transactional(
      isolation = io.micronaut.transaction.TransactionDefinition.Isolation.REPEATABLE_READ)
  public DataExport export(String customerId, String actor, String role, String reason) {
    Inputs.requireCustomerId(customerId);
    String why = Inputs.requireReason(reason, "export this person's data");
    if (suppressed.contains(hasher.hash(customerId))) {
      throw ConsentService.erasedSubject();
    }
    Instant now = now();
    DataSubject subject = subject(customerId, "export");
    ExportArchive archive =
        new ExportArchive(json, customerId, now, new TreeMap<>(subject.identifiers()));
    for (PersonalDataContributor c : contributors) {
      Map<String, Object> data;
      try {
        data = c.export(subject);
      } catch (RuntimeException e) {
        throw new DataSubjectRequestFailedException("export", c.module(), e);
      }
      archive.module(c.module(), data == null ? Map.of() : data);
    }
    byte[] zip = archive.zip();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("modules", modules());
    details.put("bytes", zip.length);
    audit.append(actor, role, "data-subject.exported", customerId, why, details);
    return new DataExport(
        "kilowatch-export-" + customerId + "-" + FILE_TIME.format(now) + ".zip", zip);
  }

  /**
   * Erases the person in every module and returns the receipt.
   *
   * <ol>
   *   <li>The person is suppressed first, in a transaction of its own: from its commit on, the
   *       consent gate refuses them on every instance and nothing is recorded for them, even if a
   *       module fails below.
   *   <li>In one transaction, under the person's lock: identifiers from every module, then {@code
   *       erase} on every module, then the receipt and the audit entry (both with the subject hash,
   *       the person's identifiers redacted from the reason).
   * </ol>
   *
   * Repeating an erasure is safe and gives a new receipt (with what was left, usually nothing).
   *
   * @throws io.kilowatch.platform.web.InvalidInputException 400 on {@code customerId} or {@code
   *     reason}
   * @throws DataSubjectRequestFailedException when a module fails; the person stays suppressed and
   *     the erasure can be retried
   */
  public ErasureReceipt erase(String customerId, String actor, String role, String reason) {
    Inputs.requireCustomerId(customerId);
    String why = Inputs.requireReason(reason, "erase this person");
    String hash = hasher.hash(customerId);
    Instant started = now();
    transactions.executeWrite(status -> suppressed.add(hash, started));
    states.erased(customerId);
    ErasureReceipt receipt =
        transactions.executeWrite(
            status -> {
              ledger.lockCustomer(customerId);
              DataSubject subject = subject(customerId, "erasure");
              Map<String, Map<String, Long>> counts = new TreeMap<>();
              for (PersonalDataContributor c : contributors) {
                try {
                  Map<String, Long> erased = c.erase(subject);
                  counts.put(c.module(), erased == null ? Map.of() : erased);
                } catch (RuntimeException e) {
                  throw new DataSubjectRequestFailedException("erasure", c.module(), e);
                }
              }
              Set<String> identifiers = new LinkedHashSet<>();
              identifiers.add(customerId);
              subject.identifiers().values().forEach(identifiers::addAll);
              String redacted = Redaction.redact(why, identifiers);
              ErasureReceipt issued =
                  ErasureReceipt.issue(
                      UUID.randomUUID(), hash, actor, role, redacted, counts, started, now());
              receipts.append(issued);
              Map<String, Object> details = new LinkedHashMap<>();
              details.put("receiptId", issued.id().toString());
              details.put("rows", issued.total());
              audit.append(actor, role, "data-subject.erased", customerId, redacted, details);
              return issued;
            });
    LOG.info(
        "erasure {} finished: {} rows in {} modules",
        receipt.id(),
        receipt.total(),
        receipt.counts().size());
    return receipt;
  }

  /**
   * A stored receipt; audited as {@code erasure-receipt.viewed}.
   *
   * @throws NotFoundException when there is none with the id
   */
  @Transactional
  public ErasureReceipt receipt(UUID id, String actor, String role) {
    ErasureReceipt receipt =
        receipts.find(id).orElseThrow(() -> new NotFoundException("erasure receipt"));
    audit.append(
        actor, role, "erasure-receipt.viewed", null, null, Map.of("receiptId", id.toString()));
    return receipt;
  }

  /** The entries the audit log holds; for compliance, audited as {@code audit-log.queried}. */
  @Transactional
  public List<AuditEntry> auditLog(
      io.kilowatch.consent.application.port.in.AuditQuery query, String actor, String role) {
    List<AuditEntry> entries = audit.find(query);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("actor", query.actor());
    details.put("action", query.action());
    details.put("from", query.from() == null ? null : query.from().toString());
    details.put("to", query.to() == null ? null : query.to().toString());
    details.put("entries", entries.size());
    // the officer's filter on a person is itself an access to that person's data
    audit.append(actor, role, "audit-log.queried", query.customerId(), null, details);
    return entries;
  }

  private DataSubject subject(String customerId, String request) {
    Map<String, Set<String>> identifiers = new TreeMap<>();
    for (PersonalDataContributor c : contributors) {
      Map<String, Set<String>> ids;
      try {
        ids = c.identifiers(customerId);
      } catch (RuntimeException e) {
        throw new DataSubjectRequestFailedException(request, c.module(), e);
      }
      if (ids != null) {
        ids.forEach(
            (kind, values) -> {
              if (values != null && !values.isEmpty()) {
                identifiers.computeIfAbsent(kind, k -> new LinkedHashSet<>()).addAll(values);
              }
            });
      }
    }
    Map<String, Set<String>> sorted = new TreeMap<>();
    identifiers.forEach(
        (kind, values) -> sorted.put(kind, Collections.unmodifiableSet(new TreeSet<>(values))));
    return new DataSubject(customerId, sorted);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
