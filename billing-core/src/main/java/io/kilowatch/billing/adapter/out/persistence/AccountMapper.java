package io.kilowatch.billing.adapter.out.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

interface AccountMapper {
  /** A transaction-scoped advisory lock on a text key; released at commit or rollback. */
  @Select("SELECT pg_advisory_xact_lock(hashtextextended(#{key}, 0))")
  Object lock(@Param("key") String key);

  @Insert(
      "INSERT INTO billing.account (customer_id, name, region, time_zone, created_at, updated_at)"
          + " VALUES (#{customerId}, #{name}, #{region}, #{timeZone}, #{createdAt}, #{createdAt})")
  void insertAccount(AccountRow row);

  @Insert(
      "INSERT INTO billing.meter_assignment (customer_id, meter_id, assigned_from, assigned_to)"
          + " VALUES (#{customerId}, #{meterId}, #{assignedFrom}, #{assignedTo})")
  void insertAssignment(AssignmentRow row);

  @Select(
      "SELECT customer_id, name, region, time_zone, created_at FROM billing.account"
          + " WHERE customer_id = #{customerId}")
  @ConstructorArgs({
    @Arg(column = "customer_id", javaType = String.class),
    @Arg(column = "name", javaType = String.class),
    @Arg(column = "region", javaType = String.class),
    @Arg(column = "time_zone", javaType = String.class),
    @Arg(column = "created_at", javaType = Instant.class)
  })
  AccountRow findAccount(@Param("customerId") String customerId);

  @Select(
      "SELECT customer_id, meter_id, assigned_from, assigned_to FROM billing.meter_assignment"
          + " WHERE customer_id = #{customerId} ORDER BY id")
  @ConstructorArgs({
    @Arg(column = "customer_id", javaType = String.class),
    @Arg(column = "meter_id", javaType = String.class),
    @Arg(column = "assigned_from", javaType = Instant.class),
    @Arg(column = "assigned_to", javaType = Instant.class)
  })
  List<AssignmentRow> findAssignments(@Param("customerId") String customerId);

  @Select(
      "<script>SELECT customer_id, meter_id, assigned_from, assigned_to"
          + " FROM billing.meter_assignment WHERE assigned_to IS NULL AND meter_id IN"
          + "<foreach item='m' collection='meterIds' open='(' separator=',' close=')'>#{m}</foreach>"
          + "</script>")
  @ConstructorArgs({
    @Arg(column = "customer_id", javaType = String.class),
    @Arg(column = "meter_id", javaType = String.class),
    @Arg(column = "assigned_from", javaType = Instant.class),
    @Arg(column = "assigned_to", javaType = Instant.class)
  })
  List<AssignmentRow> findCurrentAssignments(@Param("meterIds") Collection<String> meterIds);
}
