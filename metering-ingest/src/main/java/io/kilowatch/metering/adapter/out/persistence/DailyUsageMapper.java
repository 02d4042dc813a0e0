package io.kilowatch.metering.adapter.out.persistence;

import io.kilowatch.metering.DailyUsage;
import io.kilowatch.metering.domain.WindowIncrement;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

interface DailyUsageMapper {
  /**
   * Adds increments to their windows in one statement. The upsert takes a row lock per window, so
   * concurrent batches add up rather than overwrite each other; callers pass the increments in a
   * fixed order (meter, window) so that two batches lock shared windows in the same order.
   */
  @Select(
      "<script>"
          + "INSERT INTO metering.daily_usage AS d"
          + " (meter_id, window_start, window_end, energy_wh, reading_count, updated_at) VALUES "
          + "<foreach item='i' collection='increments' separator=','>"
          + "(#{i.meterId}, #{i.window.start}, #{i.window.end}, #{i.energyWh}, #{i.readingCount},"
          + " #{updatedAt})"
          + "</foreach>"
          + " ON CONFLICT (meter_id, window_start) DO UPDATE SET"
          + " energy_wh = d.energy_wh + EXCLUDED.energy_wh,"
          + " reading_count = d.reading_count + EXCLUDED.reading_count,"
          + " updated_at = EXCLUDED.updated_at"
          + " RETURNING meter_id, window_start, window_end, energy_wh, reading_count, updated_at"
          + "</script>")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  @ConstructorArgs({
    @Arg(column = "meter_id", javaType = String.class),
    @Arg(column = "window_start", javaType = Instant.class),
    @Arg(column = "window_end", javaType = Instant.class),
    @Arg(column = "energy_wh", javaType = long.class),
    @Arg(column = "reading_count", javaType = int.class),
    @Arg(column = "updated_at", javaType = Instant.class)
  })
  List<DailyUsage> add(
      @Param("increments") List<WindowIncrement> increments, @Param("updatedAt") Instant updatedAt);

  @Select(
      "SELECT meter_id, window_start, window_end, energy_wh, reading_count, updated_at"
          + " FROM metering.daily_usage"
          + " WHERE meter_id = #{meterId} AND window_start >= #{from} AND window_start < #{to}"
          + " ORDER BY window_start")
  @ConstructorArgs({
    @Arg(column = "meter_id", javaType = String.class),
    @Arg(column = "window_start", javaType = Instant.class),
    @Arg(column = "window_end", javaType = Instant.class),
    @Arg(column = "energy_wh", javaType = long.class),
    @Arg(column = "reading_count", javaType = int.class),
    @Arg(column = "updated_at", javaType = Instant.class)
  })
  List<DailyUsage> find(
      @Param("meterId") String meterId, @Param("from") Instant from, @Param("to") Instant to);
}
