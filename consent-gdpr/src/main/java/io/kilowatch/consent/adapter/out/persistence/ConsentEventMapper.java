package io.kilowatch.consent.adapter.out.persistence;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

interface ConsentEventMapper {
  String COLUMNS =
      "id, customer_id, purpose, channel, action, source, actor, ip_or_identity, text_version,"
          + " reference, occurred_at, recorded_at";

  /** A transaction-scoped advisory lock on a text key; released at commit or rollback. */
  @Select("SELECT pg_advisory_xact_lock(hashtextextended(#{key}, 0))")
  Object lock(@Param("key") String key);

  /**
   * Declares the transaction an erasure or a retention run, the only rewrites the append-only
   * triggers let through; an empty mode ends the declaration.
   */
  @Select("SELECT set_config('kilowatch.consent_maintenance', #{mode}, true)")
  String maintenance(@Param("mode") String mode);

  @Select(
      "INSERT INTO consent.consent_event (customer_id, purpose, channel, action, source, actor,"
          + " ip_or_identity, text_version, reference, occurred_at, recorded_at) VALUES"
          + " (#{customerId}, #{purpose}, #{channel}, #{action}, #{source}, #{actor},"
          + " #{ipOrIdentity}, #{textVersion}, #{reference}, #{occurredAt}, #{recordedAt})"
          + " RETURNING id")
  long insert(ConsentEventRow row);

  @Select(
      "SELECT "
          + COLUMNS
          + " FROM consent.consent_event WHERE source = #{source} AND reference = #{reference}")
  @ConstructorArgs({
    @Arg(column = "id", javaType = long.class),
    @Arg(column = "customer_id", javaType = String.class),
    @Arg(column = "purpose", javaType = String.class),
    @Arg(column = "channel", javaType = String.class),
    @Arg(column = "action", javaType = String.class),
    @Arg(column = "source", javaType = String.class),
    @Arg(column = "actor", javaType = String.class),
    @Arg(column = "ip_or_identity", javaType = String.class),
    @Arg(column = "text_version", javaType = String.class),
    @Arg(column = "reference", javaType = String.class),
    @Arg(column = "occurred_at", javaType = Instant.class),
    @Arg(column = "recorded_at", javaType = Instant.class)
  })
  ConsentEventRow findByReference(
      @Param("source") String source, @Param("reference") String reference);

  @Select(
      "SELECT "
          + COLUMNS
          + " FROM consent.consent_event WHERE customer_id = #{customerId} AND NOT erased"
          + " ORDER BY occurred_at, id")
  @ConstructorArgs({
    @Arg(column = "id", javaType = long.class),
    @Arg(column = "customer_id", javaType = String.class),
    @Arg(column = "purpose", javaType = String.class),
    @Arg(column = "channel", javaType = String.class),
    @Arg(column = "action", javaType = String.class),
    @Arg(column = "source", javaType = String.class),
    @Arg(column = "actor", javaType = String.class),
    @Arg(column = "ip_or_identity", javaType = String.class),
    @Arg(column = "text_version", javaType = String.class),
    @Arg(column = "reference", javaType = String.class),
    @Arg(column = "occurred_at", javaType = Instant.class),
    @Arg(column = "recorded_at", javaType = Instant.class)
  })
  List<ConsentEventRow> history(@Param("customerId") String customerId);

  @Select(
      "SELECT id, purpose, channel, action, occurred_at FROM consent.consent_event"
          + " WHERE customer_id = #{customerId} AND NOT erased")
  @ConstructorArgs({
    @Arg(column = "id", javaType = long.class),
    @Arg(column = "purpose", javaType = String.class),
    @Arg(column = "channel", javaType = String.class),
    @Arg(column = "action", javaType = String.class),
    @Arg(column = "occurred_at", javaType = Instant.class)
  })
  List<ConsentFactRow> facts(@Param("customerId") String customerId);

  @Select(
      "SELECT DISTINCT ip_or_identity FROM consent.consent_event WHERE customer_id = #{customerId}"
          + " AND NOT erased AND source = #{source} AND ip_or_identity IS NOT NULL"
          + " ORDER BY ip_or_identity")
  List<String> identities(@Param("customerId") String customerId, @Param("source") String source);

  /** Pseudonymises a person's entries; needs {@code maintenance('erasure')} first. */
  @Update(
      "UPDATE consent.consent_event SET customer_id = #{subjectHash}, erased = true,"
          + " actor = CASE WHEN actor = #{customerId} THEN 'data-subject' ELSE actor END,"
          + " ip_or_identity = NULL, reference = NULL"
          + " WHERE customer_id = #{customerId} AND NOT erased")
  int anonymise(@Param("customerId") String customerId, @Param("subjectHash") String subjectHash);

  /**
   * Deletes expired entries: older than the cutoff and either of an erased person or superseded by
   * a later entry of the same person and purpose covering their channel (the same channel, or all
   * channels; an all-channels entry only by a later all-channels entry). Needs {@code
   * maintenance('retention')} first.
   */
  @Delete(
      "DELETE FROM consent.consent_event WHERE id IN (SELECT e.id FROM consent.consent_event e"
          + " WHERE e.occurred_at < #{cutoff} AND (e.erased OR EXISTS (SELECT 1"
          + " FROM consent.consent_event later WHERE later.customer_id = e.customer_id"
          + " AND NOT later.erased AND later.purpose = e.purpose"
          + " AND (later.channel IS NULL OR later.channel = e.channel)"
          + " AND (later.occurred_at, later.id) > (e.occurred_at, e.id)))"
          + " ORDER BY e.id LIMIT #{batch} FOR UPDATE SKIP LOCKED)")
  int deleteExpired(@Param("cutoff") Instant cutoff, @Param("batch") int batch);
}
