package io.kilowatch.preference.adapter.out.persistence;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

interface AuditMapper {
  @Insert(
      "INSERT INTO preference.audit_log (at, actor, actor_roles, customer_id, action, target,"
          + " before, after, summary, reason) VALUES (#{at}, #{actor}, #{actorRoles},"
          + " #{customerId}, #{action}, #{target}, CAST(#{before,jdbcType=VARCHAR} AS jsonb),"
          + " CAST(#{after,jdbcType=VARCHAR} AS jsonb), #{summary}, #{reason})")
  void insert(AuditRow row);

  @Select(
      "<script>SELECT id, at, actor, actor_roles, customer_id, action, target,"
          + " before::text AS before, after::text AS after, summary, reason"
          + " FROM preference.audit_log WHERE customer_id = #{customerId}"
          + "<if test='beforeId != null'> AND id &lt; #{beforeId}</if>"
          + " ORDER BY id DESC LIMIT #{limit}</script>")
  @ConstructorArgs({
    @Arg(column = "id", javaType = Long.class),
    @Arg(column = "at", javaType = Instant.class),
    @Arg(column = "actor", javaType = String.class),
    @Arg(column = "actor_roles", javaType = String.class),
    @Arg(column = "customer_id", javaType = String.class),
    @Arg(column = "action", javaType = String.class),
    @Arg(column = "target", javaType = String.class),
    @Arg(column = "before", javaType = String.class),
    @Arg(column = "after", javaType = String.class),
    @Arg(column = "summary", javaType = String.class),
    @Arg(column = "reason", javaType = String.class)
  })
  List<AuditRow> list(
      @Param("customerId") String customerId,
      @Param("beforeId") Long beforeId,
      @Param("limit") int limit);
}
