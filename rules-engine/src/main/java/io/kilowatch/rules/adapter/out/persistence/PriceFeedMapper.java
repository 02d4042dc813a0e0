package io.kilowatch.rules.adapter.out.persistence;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** {@code rules.price_feed}: one version counter per feed. */
interface PriceFeedMapper {
  @Select("SELECT COALESCE((SELECT version FROM rules.price_feed WHERE feed_key = #{feedKey}), 0)")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  long version(@Param("feedKey") String feedKey);

  /** Counts one committed change to the feed; returns the new version. */
  @Select(
      "INSERT INTO rules.price_feed (feed_key, version, updated_at) VALUES (#{feedKey}, 1,"
          + " #{now}) ON CONFLICT (feed_key) DO UPDATE SET version = rules.price_feed.version + 1,"
          + " updated_at = EXCLUDED.updated_at RETURNING version")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  long bump(@Param("feedKey") String feedKey, @Param("now") Instant now);

  @Select("SELECT feed_key, version FROM rules.price_feed")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  @ConstructorArgs({
    @Arg(column = "feed_key", javaType = String.class),
    @Arg(column = "version", javaType = long.class)
  })
  List<FeedVersion> versions();

  /** The last move applied to the feed, for operators; does not count as a change. */
  @Insert(
      "INSERT INTO rules.price_feed (feed_key, version, last_event_id, last_price,"
          + " last_valid_from, updated_at) VALUES (#{feedKey}, 0, #{eventId}, #{price},"
          + " #{validFrom}, #{now}) ON CONFLICT (feed_key) DO UPDATE SET"
          + " last_event_id = EXCLUDED.last_event_id, last_price = EXCLUDED.last_price,"
          + " last_valid_from = EXCLUDED.last_valid_from, updated_at = EXCLUDED.updated_at")
  void recordEvent(
      @Param("feedKey") String feedKey,
      @Param("eventId") String eventId,
      @Param("price") String price,
      @Param("validFrom") Instant validFrom,
      @Param("now") Instant now);

  record FeedVersion(String feedKey, long version) {}
}
