package io.kilowatch.platform.messaging;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;

interface InboxMapper {
  /** Returns 1 the first time a consumer sees an event id, 0 afterwards. */
  @Insert(
      "INSERT INTO platform.inbox (consumer, event_id) VALUES (#{consumer}, #{eventId})"
          + " ON CONFLICT DO NOTHING")
  int claim(@Param("consumer") String consumer, @Param("eventId") String eventId);
}
