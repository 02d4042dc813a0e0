package io.kilowatch.platform.messaging;

import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

interface OutboxMapper {
  @Insert(
      "INSERT INTO platform.outbox (event_id, event_type, routing_key, payload)"
          + " VALUES (#{eventId}, #{eventType}, #{routingKey}, #{payload})")
  void insert(OutboxRow row);

  @Insert(
      "<script>INSERT INTO platform.outbox (event_id, event_type, routing_key, payload) VALUES"
          + "<foreach item='r' collection='rows' separator=','>"
          + "(#{r.eventId}, #{r.eventType}, #{r.routingKey}, #{r.payload})</foreach></script>")
  void insertAll(@Param("rows") List<OutboxRow> rows);

  /** NOTIFY is delivered at commit, so the relay wakes exactly when the row becomes visible. */
  @Select("SELECT pg_notify('kilowatch_outbox', '')")
  Object wakeRelay();

  @Select(
      "SELECT id, event_id, event_type, routing_key, payload FROM platform.outbox"
          + " ORDER BY id LIMIT #{limit} FOR UPDATE SKIP LOCKED")
  List<OutboxRow> claim(@Param("limit") int limit);

  @Delete(
      "<script>DELETE FROM platform.outbox WHERE id IN"
          + "<foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach>"
          + "</script>")
  int delete(@Param("ids") List<Long> ids);

  @Select("SELECT count(*) FROM platform.outbox")
  long pending();
}
