package io.kilowatch.rules.adapter.out.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** Customers' zones (from the meter-owner projection) and billing periods. */
interface CalendarMapper {
  String CUSTOMERS =
      "CAST(#{customerIds,typeHandler=org.apache.ibatis.type.ArrayTypeHandler} AS text[])";

  /** The zone of each customer's most recently assigned meter. */
  @Select(
      "SELECT DISTINCT ON (customer_id) customer_id, time_zone FROM rules.meter_owner"
          + " WHERE customer_id = ANY("
          + CUSTOMERS
          + ") ORDER BY customer_id, assigned_from DESC")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  @ConstructorArgs({
    @Arg(column = "customer_id", javaType = String.class),
    @Arg(column = "time_zone", javaType = String.class)
  })
  List<ZoneRow> zones(@Param("customerIds") String[] customerIds);

  @Select(
      "SELECT customer_id, period_start, period_end FROM rules.billing_period"
          + " WHERE customer_id = ANY("
          + CUSTOMERS
          + ")")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  @ConstructorArgs({
    @Arg(column = "customer_id", javaType = String.class),
    @Arg(column = "period_start", javaType = LocalDate.class),
    @Arg(column = "period_end", javaType = LocalDate.class)
  })
  List<PeriodRow> periods(@Param("customerIds") String[] customerIds);

  /** A later period replaces an earlier one; an older projection never replaces a newer one. */
  @Insert(
      "INSERT INTO rules.billing_period (customer_id, period_start, period_end, as_of)"
          + " VALUES (#{customerId}, #{start}, #{end}, #{asOf}) ON CONFLICT (customer_id)"
          + " DO UPDATE SET period_start = EXCLUDED.period_start,"
          + " period_end = EXCLUDED.period_end, as_of = EXCLUDED.as_of"
          + " WHERE rules.billing_period.period_start < EXCLUDED.period_start"
          + " OR (rules.billing_period.period_start = EXCLUDED.period_start"
          + " AND rules.billing_period.as_of <= EXCLUDED.as_of)")
  void recordPeriod(
      @Param("customerId") String customerId,
      @Param("start") LocalDate start,
      @Param("end") LocalDate end,
      @Param("asOf") Instant asOf);

  record ZoneRow(String customerId, String timeZone) {}

  record PeriodRow(String customerId, LocalDate periodStart, LocalDate periodEnd) {}
}
