package io.kilowatch.consent.adapter.out.persistence;

import java.time.Instant;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

interface SubjectMapper {
  @Select(
      "SELECT EXISTS (SELECT 1 FROM consent.suppressed_subject"
          + " WHERE subject_hash = #{subjectHash})")
  boolean suppressed(@Param("subjectHash") String subjectHash);

  @Insert(
      "INSERT INTO consent.suppressed_subject (subject_hash, suppressed_at)"
          + " VALUES (#{subjectHash}, #{at}) ON CONFLICT (subject_hash) DO NOTHING")
  int suppress(@Param("subjectHash") String subjectHash, @Param("at") Instant at);

  @Insert(
      "INSERT INTO consent.subject_key (id, secret, created_at) VALUES (1, #{secret}, #{at})"
          + " ON CONFLICT (id) DO NOTHING")
  int insertKey(@Param("secret") String secret, @Param("at") Instant at);

  @Select("SELECT secret FROM consent.subject_key WHERE id = 1")
  String key();
}
