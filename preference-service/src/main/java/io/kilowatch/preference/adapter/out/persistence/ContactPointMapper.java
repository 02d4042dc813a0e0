package io.kilowatch.preference.adapter.out.persistence;

import io.kilowatch.preference.domain.ContactPoint;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

interface ContactPointMapper {
  String COLUMNS = "id, customer_id, channel, address, verified, created_at";

  @Insert(
      "INSERT INTO preference.contact_point (id, customer_id, channel, address, verified,"
          + " created_at) VALUES (#{id}::uuid, #{customerId}, #{channel}, #{address}, #{verified},"
          + " #{createdAt})")
  void insert(
      @Param("id") String id,
      @Param("customerId") String customerId,
      @Param("channel") String channel,
      @Param("address") String address,
      @Param("verified") boolean verified,
      @Param("createdAt") java.time.Instant createdAt);

  @Select(
      "SELECT "
          + COLUMNS
          + " FROM preference.contact_point WHERE customer_id = #{customerId}"
          + " AND channel = #{channel} AND address = #{address}")
  List<Row> find(
      @Param("customerId") String customerId,
      @Param("channel") String channel,
      @Param("address") String address);

  @Select(
      "SELECT "
          + COLUMNS
          + " FROM preference.contact_point WHERE customer_id = #{customerId}"
          + " ORDER BY created_at, id")
  List<Row> all(@Param("customerId") String customerId);

  @Select(
      "SELECT "
          + COLUMNS
          + " FROM preference.contact_point WHERE customer_id = #{customerId}"
          + " AND channel = #{channel} AND verified ORDER BY created_at, id")
  List<Row> verified(@Param("customerId") String customerId, @Param("channel") String channel);

  @Delete(
      "DELETE FROM preference.contact_point WHERE customer_id = #{customerId} AND id ="
          + " #{id}::uuid")
  int delete(@Param("customerId") String customerId, @Param("id") String id);

  /** A row as stored; converted to the domain record by the adapter. */
  record Row(
      String id,
      String customerId,
      String channel,
      String address,
      boolean verified,
      java.time.Instant createdAt) {
    ContactPoint toDomain() {
      return new ContactPoint(
          UUID.fromString(id),
          customerId,
          io.kilowatch.channel.Channel.valueOf(channel),
          address,
          verified,
          createdAt);
    }
  }
}
