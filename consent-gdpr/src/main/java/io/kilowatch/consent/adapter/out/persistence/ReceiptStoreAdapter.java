package io.kilowatch.consent.adapter.out.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.consent.application.port.out.ReceiptStore;
import io.kilowatch.consent.domain.ErasureReceipt;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Erasure receipts in {@code consent.erasure_receipt}. Thread-safe. */
@Singleton
class ReceiptStoreAdapter implements ReceiptStore {
  private static final TypeReference<Map<String, Map<String, Long>>> COUNTS =
      new TypeReference<>() {};

  private final ReceiptMapper mapper;
  private final ConsentEventMapper maintenance;
  private final ObjectMapper json;

  ReceiptStoreAdapter(ReceiptMapper mapper, ConsentEventMapper maintenance, ObjectMapper json) {
    this.mapper = mapper;
    this.maintenance = maintenance;
    this.json = json;
  }

  @Override
  public void append(ErasureReceipt r) {
    try {
      mapper.insert(
          new ReceiptRow(
              r.id().toString(),
              r.subjectHash(),
              r.actor(),
              r.actorRole(),
              r.reason(),
              json.writeValueAsString(r.counts()),
              r.startedAt(),
              r.finishedAt(),
              r.contentHash()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("receipt counts not serialisable", e);
    }
  }

  @Override
  public Optional<ErasureReceipt> find(UUID id) {
    ReceiptRow row = mapper.find(id.toString());
    if (row == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new ErasureReceipt(
              UUID.fromString(row.id()),
              row.subjectHash(),
              row.actor(),
              row.actorRole(),
              row.reason(),
              json.readValue(row.counts(), COUNTS),
              row.startedAt(),
              row.finishedAt(),
              row.contentHash()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("receipt " + id + " has unreadable counts", e);
    }
  }

  @Override
  public long deleteExpired(Instant cutoff, int batch) {
    maintenance.maintenance("retention");
    long n = mapper.deleteExpired(cutoff, batch);
    maintenance.maintenance("");
    return n;
  }
}
