package io.kilowatch.rules.adapter.out.persistence;

import java.time.Instant;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.ResultMap;
import org.apache.ibatis.annotations.Results;
import org.apache.ibatis.annotations.Select;

/** {@code rules.meter_day_usage}: daily totals per meter. */
interface UsageDayMapper {
  /** Totals only grow: an older, smaller total never replaces a newer one. */
  @Insert(
      "INSERT INTO rules.meter_day_usage (meter_id, day_start, day_end, energy_wh, as_of)"
          + " VALUES (#{meterId}, #{dayStart}, #{dayEnd}, #{energyWh}, #{asOf})"
          + " ON CONFLICT (meter_id, day_start) DO UPDATE SET"
          + " energy_wh = GREATEST(rules.meter_day_usage.energy_wh, EXCLUDED.energy_wh),"
          + " as_of = GREATEST(rules.meter_day_usage.as_of, EXCLUDED.as_of),"
          + " day_end = EXCLUDED.day_end")
  void record(
      @Param("meterId") String meterId,
      @Param("dayStart") Instant dayStart,
      @Param("dayEnd") Instant dayEnd,
      @Param("energyWh") long energyWh,
      @Param("asOf") Instant asOf);

  /** Days of one meter starting in {@code [from, to)}. */
  @Select(
      "SELECT COALESCE(SUM(energy_wh), 0) AS total_wh, COUNT(*) AS days"
          + " FROM rules.meter_day_usage WHERE meter_id = #{meterId}"
          + " AND day_start >= #{from} AND day_start < #{to}")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  @Results(id = "dayTotal")
  @ConstructorArgs({
    @Arg(column = "total_wh", javaType = long.class),
    @Arg(column = "days", javaType = int.class)
  })
  DayTotal ofMeter(
      @Param("meterId") String meterId, @Param("from") Instant from, @Param("to") Instant to);

  /**
   * Days of all the customer's meters starting in {@code [from, to)}, counting a meter's days only
   * from when it became theirs; {@code days} counts distinct days.
   */
  @Select(
      "SELECT COALESCE(SUM(u.energy_wh), 0) AS total_wh, COUNT(DISTINCT u.day_start) AS days"
          + " FROM rules.meter_day_usage u JOIN rules.meter_owner o ON o.meter_id = u.meter_id"
          + " WHERE o.customer_id = #{customerId} AND u.day_end > o.assigned_from"
          + " AND u.day_start >= #{from} AND u.day_start < #{to}")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  @ResultMap("dayTotal")
  DayTotal ofCustomer(
      @Param("customerId") String customerId, @Param("from") Instant from, @Param("to") Instant to);

  record DayTotal(long totalWh, int days) {}
}
