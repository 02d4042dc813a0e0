package io.kilowatch.consent.adapter.out.persistence;

import java.time.Instant;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

interface ReceiptMapper {
  @Insert(
      "INSERT INTO consent.erasure_receipt (id, subject_hash, actor, actor_role, reason, counts,"
          + " started_at, finished_at, content_hash) VALUES (CAST(#{id} AS uuid), #{subjectHash},"
          + " #{actor}, #{actorRole}, #{reason}, CAST(#{counts} AS jsonb), #{startedAt},"
          + " #{finishedAt}, #{contentHash})")
  void insert(ReceiptRow row);

  @Select(
      "SELECT id::text AS id, subject_hash, actor, actor_role, reason, counts::text AS counts,"
          + " started_at, finished_at, content_hash FROM consent.erasure_receipt"
          + " WHERE id = CAST(#{id} AS uuid)")
  @ConstructorArgs({
    @Arg(column = "id", javaType = String.class),
    @Arg(column = "subject_hash", javaType = String.class),
    @Arg(column = "actor", javaType = String.class),
    @Arg(column = "actor_role", javaType = String.class),
    @Arg(column = "reason", javaType = String.class),
    @Arg(column = "counts", javaType = String.class),
    @Arg(column = "started_at", javaType = Instant.class),
    @Arg(column = "finished_at", javaType = Instant.class),
    @Arg(column = "content_hash", javaType = String.class)
  })
  ReceiptRow find(@Param("id") String id);

  /** Needs {@code maintenance('retention')} first. */
  @Delete(
      "DELETE FROM consent.erasure_receipt WHERE id IN (SELECT id FROM consent.erasure_receipt"
          + " WHERE finished_at < #{cutoff} ORDER BY finished_at LIMIT #{batch}"
          + " FOR UPDATE SKIP LOCKED)")
  int deleteExpired(@Param("cutoff") Instant cutoff, @Param("batch") int batch);
}
