package io.kilowatch.consent.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kilowatch.consent.domain.ErasureReceipt;
import java.util.Map;

/**
 * An erasure receipt as the API shows it. No personal data: the person only as their subject hash.
 * {@code contentHash} is the SHA-256 of the canonical text described by {@code format} (README);
 * {@code intact} says whether it still matches.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record ReceiptView(
    String id,
    String format,
    String subjectHash,
    String actor,
    String actorRole,
    String reason,
    Map<String, Map<String, Long>> counts,
    long totalRows,
    String startedAt,
    String finishedAt,
    String hashAlgorithm,
    String contentHash,
    boolean intact) {
  static ReceiptView of(ErasureReceipt r) {
    return new ReceiptView(
        r.id().toString(),
        ErasureReceipt.FORMAT,
        r.subjectHash(),
        r.actor(),
        r.actorRole(),
        r.reason(),
        r.counts(),
        r.total(),
        r.startedAt().toString(),
        r.finishedAt().toString(),
        "SHA-256",
        r.contentHash(),
        r.isIntact());
  }
}
