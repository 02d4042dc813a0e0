package io.kilowatch.billing.gdpr;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** Billing's SQL for data-subject requests: one customer's account and meter assignments. */
interface BillingPersonalDataMapper {
  @Select(
      "SELECT meter_id, assigned_from, assigned_to FROM billing.meter_assignment"
          + " WHERE customer_id = #{customerId} ORDER BY id")
  @ConstructorArgs({
    @Arg(column = "meter_id", javaType = String.class),
    @Arg(column = "assigned_from", javaType = Instant.class),
    @Arg(column = "assigned_to", javaType = Instant.class)
  })
  List<Ownership> ownership(@Param("customerId") String customerId);

  @Select("SELECT to_jsonb(a)::text FROM billing.account a WHERE a.customer_id = #{customerId}")
  List<String> accounts(@Param("customerId") String customerId);

  @Select(
      "SELECT to_jsonb(m)::text FROM billing.meter_assignment m"
          + " WHERE m.customer_id = #{customerId} ORDER BY m.id")
  List<String> assignments(@Param("customerId") String customerId);

  @Delete("DELETE FROM billing.meter_assignment WHERE customer_id = #{customerId}")
  int deleteAssignments(@Param("customerId") String customerId);

  @Delete("DELETE FROM billing.account WHERE customer_id = #{customerId}")
  int deleteAccount(@Param("customerId") String customerId);

  /** One meter assignment's period. */
  record Ownership(String meterId, Instant assignedFrom, Instant assignedTo) {}
}
