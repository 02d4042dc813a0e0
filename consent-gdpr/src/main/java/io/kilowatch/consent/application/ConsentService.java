package io.kilowatch.consent.application;

import io.kilowatch.consent.ConsentCommands;
import io.kilowatch.consent.ConsentEvidence;
import io.kilowatch.consent.RecordedConsent;
import io.kilowatch.consent.application.port.in.RecordConsentCommand;
import io.kilowatch.consent.application.port.out.ConsentLedger;
import io.kilowatch.consent.application.port.out.SuppressionList;
import io.kilowatch.consent.domain.ConsentEntry;
import io.kilowatch.consent.domain.ConsentHistory;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records grants and withdrawals and reads a person's consent, for the person, for staff (audited)
 * and for other modules. Nothing is recorded for an erased person. Thread-safe.
 */
@Singleton
public class ConsentService implements ConsentCommands {
  private final ConsentLedger ledger;
  private final SuppressionList suppressed;
  private final SubjectHasher hasher;
  private final ConsentStates states;
  private final AuditLogService audit;
  private final Clock clock;

  ConsentService(
      ConsentLedger ledger,
      SuppressionList suppressed,
      SubjectHasher hasher,
      ConsentStates states,
      AuditLogService audit,
      Clock clock) {
    this.ledger = ledger;
    this.suppressed = suppressed;
    this.hasher = hasher;
    this.states = states;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  @Transactional
  public Optional<RecordedConsent> grant(
      String customerId, String purpose, String channel, ConsentEvidence evidence) {
    return record(
        RecordConsentCommand.parse(customerId, purpose, channel, "grant", evidence, now()));
  }

  @Override
  @Transactional
  public Optional<RecordedConsent> withdraw(
      String customerId, String purpose, String channel, ConsentEvidence evidence) {
    return record(
        RecordConsentCommand.parse(customerId, purpose, channel, "withdraw", evidence, now()));
  }

  /**
   * Appends the entry, or finds the one recorded earlier with the same source and reference.
   *
   * @return empty when the person was erased: nothing is recorded
   * @throws InvalidInputException 409 on {@code reference} when it was recorded for someone else
   */
  @Transactional
  public Optional<RecordedConsent> record(RecordConsentCommand command) {
    String customerId = command.customerId();
    ledger.lockCustomer(customerId);
    if (suppressed.contains(hasher.hash(customerId))) {
      return Optional.empty();
    }
    if (command.reference() != null) {
      Optional<ConsentEntry> earlier =
          ledger.findByReference(command.source(), command.reference());
      if (earlier.isPresent()) {
        if (!earlier.get().customerId().equals(customerId)) {
          throw new InvalidInputException(
              HttpStatus.CONFLICT,
              List.of(
                  new FieldError(
                      "reference", "was already recorded for another person from this source")));
        }
        return Optional.of(view(earlier.get(), true));
      }
    }
    ConsentEntry entry =
        new ConsentEntry(
            0,
            customerId,
            command.purpose(),
            command.channel(),
            command.action(),
            command.source(),
            command.actor(),
            command.ipOrIdentity(),
            command.textVersion(),
            command.reference(),
            command.occurredAt().truncatedTo(ChronoUnit.MICROS),
            now());
    entry = entry.withId(ledger.append(entry));
    states.changed(customerId);
    return Optional.of(view(entry, false));
  }

  /**
   * A staff member records what the person told them on the phone; audited as {@code
   * consent.recorded} in the same transaction.
   *
   * @throws InvalidInputException 410 when the person was erased
   */
  @Transactional
  public RecordedConsent recordForStaff(RecordConsentCommand command, String role, String reason) {
    RecordedConsent recorded = record(command).orElseThrow(ConsentService::erasedSubject);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("entryId", recorded.id());
    details.put("purpose", recorded.purpose());
    details.put("channel", recorded.channel());
    details.put("action", recorded.action());
    details.put("textVersion", command.textVersion());
    audit.append(command.actor(), role, "consent.recorded", command.customerId(), reason, details);
    return recorded;
  }

  /**
   * The person's ledger and derived state.
   *
   * @throws InvalidInputException 410 when the person was erased
   */
  @Transactional(readOnly = true)
  public CustomerConsents overview(String customerId) {
    return read(customerId);
  }

  /**
   * A staff member looks at the person's consent; audited as {@code consent.viewed}.
   *
   * @throws InvalidInputException 410 when the person was erased
   */
  @Transactional
  public CustomerConsents overviewForStaff(
      String customerId, String actor, String role, String reason) {
    CustomerConsents consents = read(customerId);
    audit.append(actor, role, "consent.viewed", customerId, reason, null);
    return consents;
  }

  private CustomerConsents read(String customerId) {
    if (suppressed.contains(hasher.hash(customerId))) {
      throw erasedSubject();
    }
    List<ConsentEntry> entries = ledger.history(customerId);
    return new CustomerConsents(
        customerId,
        entries,
        ConsentHistory.of(entries.stream().map(ConsentEntry::fact).toList()),
        now());
  }

  /** 410 on {@code customerId}: the person was erased and nothing is kept or recorded for them. */
  public static InvalidInputException erasedSubject() {
    return new InvalidInputException(
        HttpStatus.GONE,
        List.of(
            new FieldError(
                "customerId", "was erased: nothing is kept or recorded for this person")));
  }

  private static RecordedConsent view(ConsentEntry e, boolean repeated) {
    return new RecordedConsent(
        e.id(),
        e.customerId(),
        e.purpose().wireName(),
        e.channel(),
        e.action().wireName(),
        e.occurredAt(),
        e.recordedAt(),
        repeated);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
