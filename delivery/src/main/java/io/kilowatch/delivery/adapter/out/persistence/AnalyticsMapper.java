package io.kilowatch.delivery.adapter.out.persistence;

import io.kilowatch.delivery.application.AnalyticsStore.LatencyRow;
import io.kilowatch.delivery.application.AnalyticsStore.StatRow;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

interface AnalyticsMapper {
  @Insert(
      "<script>INSERT INTO delivery.daily_stats (day, channel, category, provider, metric, count)"
          + " VALUES <foreach item='r' collection='rows' separator=','>(#{r.day}, #{r.channel},"
          + " #{r.category}, #{r.provider}, #{r.metric}, #{r.count})</foreach>"
          + " ON CONFLICT (day, channel, category, provider, metric)"
          + " DO UPDATE SET count = delivery.daily_stats.count + EXCLUDED.count</script>")
  void addStats(@Param("rows") List<StatRow> rows);

  @Insert(
      "<script>INSERT INTO delivery.daily_latency (day, channel, provider, bucket_ms, count)"
          + " VALUES <foreach item='r' collection='rows' separator=','>(#{r.day}, #{r.channel},"
          + " #{r.provider}, #{r.bucketMs}, #{r.count})</foreach>"
          + " ON CONFLICT (day, channel, provider, bucket_ms)"
          + " DO UPDATE SET count = delivery.daily_latency.count + EXCLUDED.count</script>")
  void addLatencies(@Param("rows") List<LatencyRow> rows);

  @Select(
      "SELECT day, channel, category, provider, metric, count FROM delivery.daily_stats"
          + " WHERE day BETWEEN #{from} AND #{to} ORDER BY day, channel, category, provider,"
          + " metric")
  List<StatRow> stats(@Param("from") LocalDate from, @Param("to") LocalDate to);

  @Select(
      "SELECT day, channel, provider, bucket_ms, count FROM delivery.daily_latency"
          + " WHERE day BETWEEN #{from} AND #{to} ORDER BY day, channel, provider, bucket_ms")
  List<LatencyRow> latencies(@Param("from") LocalDate from, @Param("to") LocalDate to);
}
