package io.kilowatch.consent.adapter.out.persistence;

import io.kilowatch.consent.application.port.out.ConsentLedger;
import io.kilowatch.consent.domain.ConsentAction;
import io.kilowatch.consent.domain.ConsentEntry;
import io.kilowatch.consent.domain.ConsentFact;
import io.kilowatch.consent.domain.ConsentSource;
import io.kilowatch.consent.domain.Purpose;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The consent ledger in {@code consent.consent_event}. Thread-safe. */
@Singleton
class ConsentLedgerAdapter implements ConsentLedger {
  private final ConsentEventMapper mapper;

  ConsentLedgerAdapter(ConsentEventMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public void lockCustomer(String customerId) {
    mapper.lock("consent.customer:" + customerId);
  }

  @Override
  public long append(ConsentEntry e) {
    return mapper.insert(
        new ConsentEventRow(
            0,
            e.customerId(),
            e.purpose().wireName(),
            e.channel(),
            e.action().wireName(),
            e.source().wireName(),
            e.actor(),
            e.ipOrIdentity(),
            e.textVersion(),
            e.reference(),
            e.occurredAt(),
            e.recordedAt()));
  }

  @Override
  public Optional<ConsentEntry> findByReference(ConsentSource source, String reference) {
    return Optional.ofNullable(mapper.findByReference(source.wireName(), reference))
        .map(ConsentLedgerAdapter::toEntry);
  }

  @Override
  public List<ConsentEntry> history(String customerId) {
    return mapper.history(customerId).stream().map(ConsentLedgerAdapter::toEntry).toList();
  }

  @Override
  public List<ConsentFact> facts(String customerId) {
    return mapper.facts(customerId).stream()
        .map(
            r ->
                new ConsentFact(
                    r.id(), purpose(r.purpose()), r.channel(), action(r.action()), r.occurredAt()))
        .toList();
  }

  @Override
  public List<String> identities(String customerId, ConsentSource source) {
    return mapper.identities(customerId, source.wireName());
  }

  @Override
  public long anonymise(String customerId, String subjectHash) {
    // on failure the transaction rolls back and the declaration ends with it
    mapper.maintenance("erasure");
    long n = mapper.anonymise(customerId, subjectHash);
    mapper.maintenance("");
    return n;
  }

  @Override
  public long deleteExpired(Instant cutoff, int batch) {
    // on failure the transaction rolls back and the declaration ends with it
    mapper.maintenance("retention");
    long n = mapper.deleteExpired(cutoff, batch);
    mapper.maintenance("");
    return n;
  }

  // The table's CHECK constraints admit only known names; a name this version does not know would
  // be a newer instance's during a rolling upgrade, and failing loudly beats a wrong decision.
  private static Purpose purpose(String name) {
    return Purpose.fromWire(name)
        .orElseThrow(() -> new IllegalStateException("unknown purpose in ledger: " + name));
  }

  private static ConsentAction action(String name) {
    return ConsentAction.fromWire(name)
        .orElseThrow(() -> new IllegalStateException("unknown action in ledger: " + name));
  }

  private static ConsentEntry toEntry(ConsentEventRow r) {
    return new ConsentEntry(
        r.id(),
        r.customerId(),
        purpose(r.purpose()),
        r.channel(),
        action(r.action()),
        ConsentSource.fromWire(r.source())
            .orElseThrow(() -> new IllegalStateException("unknown source: " + r.source())),
        r.actor(),
        r.ipOrIdentity(),
        r.textVersion(),
        r.reference(),
        r.occurredAt(),
        r.recordedAt());
  }
}
