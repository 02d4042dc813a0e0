package io.kilowatch.preference.adapter.out.persistence;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

interface SendLogMapper {
  /** One row of {@code preference.send_log}. */
  record Row(String channel, String category, Instant sentAt) {}

  @Insert(
      "INSERT INTO preference.send_log (customer_id, channel, category, sent_at)"
          + " VALUES (#{customerId}, #{channel}, #{category}, #{sentAt})")
  void insert(
      @Param("customerId") String customerId,
      @Param("channel") String channel,
      @Param("category") String category,
      @Param("sentAt") Instant sentAt);

  @Select(
      "SELECT channel, category, sent_at FROM preference.send_log"
          + " WHERE customer_id = #{customerId} AND sent_at >= #{since} ORDER BY sent_at, id")
  @ConstructorArgs({
    @Arg(column = "channel", javaType = String.class),
    @Arg(column = "category", javaType = String.class),
    @Arg(column = "sent_at", javaType = Instant.class)
  })
  List<Row> since(@Param("customerId") String customerId, @Param("since") Instant since);

  @Delete(
      "DELETE FROM preference.send_log WHERE customer_id = #{customerId} AND sent_at < #{before}")
  int purge(@Param("customerId") String customerId, @Param("before") Instant before);
}
