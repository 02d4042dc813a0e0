package io.kilowatch.rules.adapter.out.persistence;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

interface RuleMapper {
  String COLUMNS =
      "id::text AS id, customer_id, kind, meter_id, threshold_wh, active, created_at, updated_at";

  /** A transaction-scoped advisory lock on a text key; released at commit or rollback. */
  @Select("SELECT pg_advisory_xact_lock(hashtextextended(#{key}, 0))")
  Object lock(@Param("key") String key);

  @Select("SELECT count(*) FROM rules.rule WHERE customer_id = #{customerId}")
  int countByCustomer(@Param("customerId") String customerId);

  @Select(
      "SELECT "
          + COLUMNS
          + " FROM rules.rule WHERE customer_id = #{customerId} ORDER BY created_at, id")
  @ConstructorArgs({
    @Arg(column = "id", javaType = String.class),
    @Arg(column = "customer_id", javaType = String.class),
    @Arg(column = "kind", javaType = String.class),
    @Arg(column = "meter_id", javaType = String.class),
    @Arg(column = "threshold_wh", javaType = Long.class),
    @Arg(column = "active", javaType = boolean.class),
    @Arg(column = "created_at", javaType = Instant.class),
    @Arg(column = "updated_at", javaType = Instant.class)
  })
  List<RuleRow> findByCustomer(@Param("customerId") String customerId);

  @Select(
      "SELECT "
          + COLUMNS
          + " FROM rules.rule WHERE id = CAST(#{id} AS uuid) AND customer_id = #{customerId}")
  @ConstructorArgs({
    @Arg(column = "id", javaType = String.class),
    @Arg(column = "customer_id", javaType = String.class),
    @Arg(column = "kind", javaType = String.class),
    @Arg(column = "meter_id", javaType = String.class),
    @Arg(column = "threshold_wh", javaType = Long.class),
    @Arg(column = "active", javaType = boolean.class),
    @Arg(column = "created_at", javaType = Instant.class),
    @Arg(column = "updated_at", javaType = Instant.class)
  })
  RuleRow find(@Param("customerId") String customerId, @Param("id") String id);

  @Insert(
      "INSERT INTO rules.rule (id, customer_id, kind, meter_id, threshold_wh, active,"
          + " created_at, updated_at) VALUES (CAST(#{id} AS uuid), #{customerId}, #{kind},"
          + " #{meterId}, #{thresholdWh}, #{active}, #{createdAt}, #{updatedAt})")
  void insert(RuleRow row);

  @Update(
      "UPDATE rules.rule SET threshold_wh = #{thresholdWh}, active = #{active},"
          + " updated_at = #{updatedAt}"
          + " WHERE id = CAST(#{id} AS uuid) AND customer_id = #{customerId}")
  int update(RuleRow row);

  @Delete("DELETE FROM rules.rule WHERE id = CAST(#{id} AS uuid) AND customer_id = #{customerId}")
  int delete(@Param("customerId") String customerId, @Param("id") String id);
}
