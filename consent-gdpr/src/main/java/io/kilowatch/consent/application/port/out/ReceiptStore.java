package io.kilowatch.consent.application.port.out;

import io.kilowatch.consent.domain.ErasureReceipt;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Erasure receipts in storage. Calls run in the caller's transaction. */
public interface ReceiptStore {
  void append(ErasureReceipt receipt);

  Optional<ErasureReceipt> find(UUID id);

  /** Deletes up to {@code batch} receipts finished before the cutoff; returns how many. */
  long deleteExpired(Instant cutoff, int batch);
}
