package io.kilowatch.consent.adapter.out.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

interface AuditMapper {
  String COLUMNS =
      "id, occurred_at, actor, actor_role, action, customer_id, subject_erased, reason,"
          + " details::text AS details";

  @Select(
      "INSERT INTO consent.audit_log (occurred_at, actor, actor_role, action, customer_id,"
          + " subject_erased, reason, details) VALUES (#{occurredAt}, #{actor}, #{actorRole},"
          + " #{action}, #{customerId}, #{subjectErased}, #{reason}, CAST(#{details} AS jsonb))"
          + " RETURNING id")
  long insert(AuditRow row);

  @Select({
    "<script>SELECT ",
    COLUMNS,
    " FROM consent.audit_log <where>",
    "<if test='actor != null'>AND actor = #{actor}</if>",
    "<if test='customerIds != null'>AND customer_id IN",
    "<foreach item='c' collection='customerIds' open='(' separator=',' close=')'>#{c}</foreach>",
    "</if>",
    "<if test='action != null'>AND action = #{action}</if>",
    "<if test='from != null'>AND occurred_at &gt;= #{from}</if>",
    "<if test='to != null'>AND occurred_at &lt; #{to}</if>",
    "<if test='before != null'>AND id &lt; #{before}</if>",
    "</where> ORDER BY id DESC LIMIT #{limit}</script>"
  })
  @ConstructorArgs({
    @Arg(column = "id", javaType = long.class),
    @Arg(column = "occurred_at", javaType = Instant.class),
    @Arg(column = "actor", javaType = String.class),
    @Arg(column = "actor_role", javaType = String.class),
    @Arg(column = "action", javaType = String.class),
    @Arg(column = "customer_id", javaType = String.class),
    @Arg(column = "subject_erased", javaType = boolean.class),
    @Arg(column = "reason", javaType = String.class),
    @Arg(column = "details", javaType = String.class)
  })
  List<AuditRow> find(
      @Param("actor") String actor,
      @Param("customerIds") Collection<String> customerIds,
      @Param("action") String action,
      @Param("from") Instant from,
      @Param("to") Instant to,
      @Param("before") Long before,
      @Param("limit") int limit);

  @Select(
      "SELECT "
          + COLUMNS
          + " FROM consent.audit_log WHERE customer_id = #{customerId} AND NOT subject_erased"
          + " ORDER BY id")
  @ConstructorArgs({
    @Arg(column = "id", javaType = long.class),
    @Arg(column = "occurred_at", javaType = Instant.class),
    @Arg(column = "actor", javaType = String.class),
    @Arg(column = "actor_role", javaType = String.class),
    @Arg(column = "action", javaType = String.class),
    @Arg(column = "customer_id", javaType = String.class),
    @Arg(column = "subject_erased", javaType = boolean.class),
    @Arg(column = "reason", javaType = String.class),
    @Arg(column = "details", javaType = String.class)
  })
  List<AuditRow> about(@Param("customerId") String customerId);

  /** Needs {@code maintenance('erasure')} first (the append-only trigger). */
  @Update(
      "UPDATE consent.audit_log SET customer_id = #{subjectHash}, subject_erased = true,"
          + " reason = #{reason}, details = CAST(#{details} AS jsonb) WHERE id = #{id}")
  int anonymise(
      @Param("id") long id,
      @Param("subjectHash") String subjectHash,
      @Param("reason") String reason,
      @Param("details") String details);

  /** Needs {@code maintenance('retention')} first. */
  @Delete(
      "DELETE FROM consent.audit_log WHERE id IN (SELECT id FROM consent.audit_log"
          + " WHERE occurred_at < #{cutoff} ORDER BY id LIMIT #{batch} FOR UPDATE SKIP LOCKED)")
  int deleteExpired(@Param("cutoff") Instant cutoff, @Param("batch") int batch);
}
