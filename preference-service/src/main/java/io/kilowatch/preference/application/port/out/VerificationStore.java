package io.kilowatch.preference.application.port.out;

import io.kilowatch.preference.domain.PendingVerification;
import java.util.Optional;
import java.util.UUID;

/** Persistence port for pending verification codes (hashes only). */
public interface VerificationStore {
  /** Stores the point's code, replacing any earlier one. */
  void save(PendingVerification verification);

  /** The point's pending code, locked until the transaction ends. */
  Optional<PendingVerification> findForUpdate(UUID contactPointId);

  Optional<PendingVerification> find(UUID contactPointId);

  void recordFailedAttempt(UUID contactPointId);

  void delete(UUID contactPointId);
}
