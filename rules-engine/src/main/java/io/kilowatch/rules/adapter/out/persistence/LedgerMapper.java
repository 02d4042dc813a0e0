package io.kilowatch.rules.adapter.out.persistence;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** {@code rules.rule_notification} (once per rule and cause) and the daily firing ledger. */
interface LedgerMapper {
  /** Records each (rule, cause) not yet recorded; returns the ones recorded now. */
  @Select(
      "<script>INSERT INTO rules.rule_notification (rule_id, cause, caused_at, notification_id)"
          + " VALUES <foreach item='e' collection='entries' separator=','>(CAST(#{e.ruleId} AS"
          + " uuid), #{e.cause}, #{e.causedAt}, CAST(#{e.notificationId} AS uuid))</foreach>"
          + " ON CONFLICT DO NOTHING RETURNING rule_id::text AS rule_id, cause</script>")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  @ConstructorArgs({
    @Arg(column = "rule_id", javaType = String.class),
    @Arg(column = "cause", javaType = String.class)
  })
  List<LedgerKey> recordFirst(@Param("entries") List<LedgerEntry> entries);

  /** A daily firing whose notification the cooldown held back keeps no notification id. */
  @Update(
      "UPDATE rules.rule_firing SET notification_id = NULL WHERE rule_id = CAST(#{ruleId} AS"
          + " uuid) AND window_start = #{windowStart}")
  int clearFiringNotification(
      @Param("ruleId") String ruleId, @Param("windowStart") Instant windowStart);

  record LedgerEntry(String ruleId, String cause, Instant causedAt, String notificationId) {}

  record LedgerKey(String ruleId, String cause) {}
}
