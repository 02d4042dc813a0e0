package io.kilowatch.rules.adapter.out.persistence;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.ResultMap;
import org.apache.ibatis.annotations.Results;
import org.apache.ibatis.annotations.Select;

interface MeterOwnerMapper {
  @Select(
      "SELECT meter_id, customer_id, region, time_zone, assigned_from FROM rules.meter_owner"
          + " WHERE meter_id = #{meterId}")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  @Results(id = "meterOwnerRow")
  @ConstructorArgs({
    @Arg(column = "meter_id", javaType = String.class),
    @Arg(column = "customer_id", javaType = String.class),
    @Arg(column = "region", javaType = String.class),
    @Arg(column = "time_zone", javaType = String.class),
    @Arg(column = "assigned_from", javaType = Instant.class)
  })
  MeterOwnerRow find(@Param("meterId") String meterId);

  @Select(
      "SELECT meter_id, customer_id, region, time_zone, assigned_from FROM rules.meter_owner"
          + " WHERE customer_id = #{customerId} ORDER BY assigned_from DESC, meter_id")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  @ResultMap("meterOwnerRow")
  List<MeterOwnerRow> findByCustomer(@Param("customerId") String customerId);

  @Select("SELECT EXISTS (SELECT 1 FROM rules.meter_owner WHERE region = #{region})")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  boolean regionExists(@Param("region") String region);

  /** Upsert that never replaces a later assignment with an earlier one. */
  @Insert(
      "INSERT INTO rules.meter_owner (meter_id, customer_id, region, time_zone, assigned_from)"
          + " VALUES (#{meterId}, #{customerId}, #{region}, #{timeZone}, #{assignedFrom})"
          + " ON CONFLICT (meter_id) DO UPDATE SET customer_id = EXCLUDED.customer_id,"
          + " region = EXCLUDED.region, time_zone = EXCLUDED.time_zone,"
          + " assigned_from = EXCLUDED.assigned_from"
          + " WHERE rules.meter_owner.assigned_from <= EXCLUDED.assigned_from")
  int upsert(MeterOwnerRow row);
}
