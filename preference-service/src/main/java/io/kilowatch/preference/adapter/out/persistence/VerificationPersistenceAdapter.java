package io.kilowatch.preference.adapter.out.persistence;

import io.kilowatch.preference.application.port.out.VerificationStore;
import io.kilowatch.preference.domain.PendingVerification;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/** Pending verification codes (hashes) in {@code preference.verification_code}. Thread-safe. */
@Singleton
class VerificationPersistenceAdapter implements VerificationStore {
  private final VerificationMapper mapper;

  VerificationPersistenceAdapter(VerificationMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public void save(PendingVerification v) {
    mapper.upsert(
        new VerificationRow(
            v.contactPointId().toString(),
            v.codeHash(),
            v.issuedAt(),
            v.expiresAt(),
            v.attempts()));
  }

  @Override
  public Optional<PendingVerification> findForUpdate(UUID contactPointId) {
    return Optional.ofNullable(mapper.findForUpdate(contactPointId.toString()))
        .map(VerificationPersistenceAdapter::toDomain);
  }

  @Override
  public Optional<PendingVerification> find(UUID contactPointId) {
    return Optional.ofNullable(mapper.find(contactPointId.toString()))
        .map(VerificationPersistenceAdapter::toDomain);
  }

  @Override
  public void recordFailedAttempt(UUID contactPointId) {
    mapper.recordFailedAttempt(contactPointId.toString());
  }

  @Override
  public void delete(UUID contactPointId) {
    mapper.delete(contactPointId.toString());
  }

  private static PendingVerification toDomain(VerificationRow row) {
    return new PendingVerification(
        UUID.fromString(row.contactPointId()),
        row.codeHash(),
        row.issuedAt(),
        row.expiresAt(),
        row.attempts());
  }
}
