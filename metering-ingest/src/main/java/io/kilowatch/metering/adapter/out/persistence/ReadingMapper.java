package io.kilowatch.metering.adapter.out.persistence;

import io.kilowatch.metering.domain.Reading;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

interface ReadingMapper {
  /**
   * One multi-row insert for the whole batch. {@code ON CONFLICT DO NOTHING} without a target skips
   * a row that hits either the reading id or the (meter, time) key, including a row inserted
   * earlier by the same statement or by a concurrent transaction; {@code RETURNING} gives the rows
   * actually inserted. Declared as a select so that MyBatis maps the returned rows.
   */
  @Select(
      "<script>"
          + "INSERT INTO metering.reading"
          + " (reading_id, meter_id, reading_time, energy_wh, received_at) VALUES "
          + "<foreach item='r' collection='readings' separator=','>"
          + "(#{r.readingId}, #{r.meterId}, #{r.timestamp}, #{r.energyWh}, #{receivedAt})"
          + "</foreach>"
          + " ON CONFLICT DO NOTHING"
          + " RETURNING reading_id, meter_id, reading_time, energy_wh"
          + "</script>")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  @ConstructorArgs({
    @Arg(column = "reading_id", javaType = String.class),
    @Arg(column = "meter_id", javaType = String.class),
    @Arg(column = "reading_time", javaType = Instant.class),
    @Arg(column = "energy_wh", javaType = long.class)
  })
  List<Reading> insertNew(
      @Param("readings") List<Reading> readings, @Param("receivedAt") Instant receivedAt);
}
