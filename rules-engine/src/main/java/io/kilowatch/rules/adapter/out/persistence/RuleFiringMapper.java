package io.kilowatch.rules.adapter.out.persistence;

import java.time.Instant;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;

interface RuleFiringMapper {
  /** 1 when recorded, 0 when the rule already fired for the window (also under concurrency). */
  @Insert(
      "INSERT INTO rules.rule_firing (rule_id, window_start, fired_at, notification_id)"
          + " VALUES (CAST(#{ruleId} AS uuid), #{windowStart}, #{firedAt},"
          + " CAST(#{notificationId} AS uuid)) ON CONFLICT DO NOTHING")
  int insert(
      @Param("ruleId") String ruleId,
      @Param("windowStart") Instant windowStart,
      @Param("firedAt") Instant firedAt,
      @Param("notificationId") String notificationId);
}
