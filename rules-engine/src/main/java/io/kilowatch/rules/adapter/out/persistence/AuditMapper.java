package io.kilowatch.rules.adapter.out.persistence;

import io.kilowatch.rules.application.port.out.AuditLog;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** {@code rules.audit_log}: insert and read only (the table refuses anything else). */
interface AuditMapper {
  @Insert(
      "INSERT INTO rules.audit_log (at, actor, actor_roles, customer_id, action, summary, reason)"
          + " VALUES (#{at}, #{actor}, #{actorRoles}, #{customerId}, #{action}, #{summary},"
          + " #{reason,jdbcType=VARCHAR})")
  void insert(AuditLog.Entry entry);

  @Select(
      "<script>SELECT id, at, actor, actor_roles, customer_id, action, summary, reason"
          + " FROM rules.audit_log WHERE customer_id = #{customerId}"
          + "<if test='beforeId != null'> AND id &lt; #{beforeId}</if>"
          + " ORDER BY id DESC LIMIT #{limit}</script>")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  @ConstructorArgs({
    @Arg(column = "id", javaType = Long.class),
    @Arg(column = "at", javaType = Instant.class),
    @Arg(column = "actor", javaType = String.class),
    @Arg(column = "actor_roles", javaType = String.class),
    @Arg(column = "customer_id", javaType = String.class),
    @Arg(column = "action", javaType = String.class),
    @Arg(column = "summary", javaType = String.class),
    @Arg(column = "reason", javaType = String.class)
  })
  List<AuditLog.Entry> list(
      @Param("customerId") String customerId,
      @Param("beforeId") Long beforeId,
      @Param("limit") int limit);
}
