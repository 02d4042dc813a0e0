package io.kilowatch.metering.gdpr;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/**
 * Metering's SQL for data-subject requests and retention: readings and daily windows of one meter
 * in one period of ownership ({@code from} exclusive, {@code to} inclusive, like a reading's
 * interval end), and expired rows.
 */
interface MeteringPersonalDataMapper {
  @Select(
      "SELECT to_jsonb(r)::text FROM metering.reading r WHERE r.meter_id = #{meterId}"
          + " AND r.reading_time > #{from} AND r.reading_time <= #{to} ORDER BY r.reading_time")
  List<String> readings(
      @Param("meterId") String meterId, @Param("from") Instant from, @Param("to") Instant to);

  /** Windows that overlap the period (a window cut by a change of owner is the person's too). */
  @Select(
      "SELECT to_jsonb(d)::text FROM metering.daily_usage d WHERE d.meter_id = #{meterId}"
          + " AND d.window_end > #{from} AND d.window_start < #{to} ORDER BY d.window_start")
  List<String> dailyUsage(
      @Param("meterId") String meterId, @Param("from") Instant from, @Param("to") Instant to);

  @Delete(
      "DELETE FROM metering.reading WHERE meter_id = #{meterId}"
          + " AND reading_time > #{from} AND reading_time <= #{to}")
  int deleteReadings(
      @Param("meterId") String meterId, @Param("from") Instant from, @Param("to") Instant to);

  @Delete(
      "DELETE FROM metering.daily_usage WHERE meter_id = #{meterId}"
          + " AND window_end > #{from} AND window_start < #{to}")
  int deleteDailyUsage(
      @Param("meterId") String meterId, @Param("from") Instant from, @Param("to") Instant to);

  @Delete(
      "DELETE FROM metering.reading WHERE reading_id IN (SELECT reading_id FROM metering.reading"
          + " WHERE reading_time < #{cutoff} LIMIT #{limit} FOR UPDATE SKIP LOCKED)")
  int deleteExpiredReadings(@Param("cutoff") Instant cutoff, @Param("limit") int limit);

  @Delete(
      "DELETE FROM metering.daily_usage WHERE (meter_id, window_start) IN (SELECT meter_id,"
          + " window_start FROM metering.daily_usage WHERE window_end < #{cutoff}"
          + " LIMIT #{limit} FOR UPDATE SKIP LOCKED)")
  int deleteExpiredDailyUsage(@Param("cutoff") Instant cutoff, @Param("limit") int limit);
}
