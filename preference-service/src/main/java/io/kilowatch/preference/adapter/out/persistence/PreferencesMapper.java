package io.kilowatch.preference.adapter.out.persistence;

import java.time.Instant;
import java.time.LocalTime;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

interface PreferencesMapper {
  @Select(
      "SELECT customer_id, locale, time_zone, quiet_start, quiet_end, categories::text AS"
          + " categories, caps::text AS caps, updated_at, updated_by"
          + " FROM preference.customer_preferences WHERE customer_id = #{customerId}")
  @ConstructorArgs({
    @Arg(column = "customer_id", javaType = String.class),
    @Arg(column = "locale", javaType = String.class),
    @Arg(column = "time_zone", javaType = String.class),
    @Arg(column = "quiet_start", javaType = LocalTime.class),
    @Arg(column = "quiet_end", javaType = LocalTime.class),
    @Arg(column = "categories", javaType = String.class),
    @Arg(column = "caps", javaType = String.class),
    @Arg(column = "updated_at", javaType = Instant.class),
    @Arg(column = "updated_by", javaType = String.class)
  })
  PreferencesRow find(@Param("customerId") String customerId);

  @Insert(
      "INSERT INTO preference.customer_preferences (customer_id, locale, time_zone, quiet_start,"
          + " quiet_end, categories, caps, updated_at, updated_by) VALUES (#{customerId},"
          + " #{locale}, #{timeZone}, #{quietStart}, #{quietEnd}, CAST(#{categories} AS jsonb),"
          + " CAST(#{caps} AS jsonb), #{updatedAt}, #{updatedBy})"
          + " ON CONFLICT (customer_id) DO UPDATE SET locale = EXCLUDED.locale,"
          + " time_zone = EXCLUDED.time_zone, quiet_start = EXCLUDED.quiet_start,"
          + " quiet_end = EXCLUDED.quiet_end, categories = EXCLUDED.categories,"
          + " caps = EXCLUDED.caps, updated_at = EXCLUDED.updated_at,"
          + " updated_by = EXCLUDED.updated_by")
  void upsert(PreferencesRow row);
}
