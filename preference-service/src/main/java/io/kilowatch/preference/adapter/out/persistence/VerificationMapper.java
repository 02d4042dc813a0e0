package io.kilowatch.preference.adapter.out.persistence;

import java.time.Instant;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

interface VerificationMapper {
  String COLUMNS =
      "contact_point_id::text AS contact_point_id, code_hash, issued_at, expires_at, attempts";

  @Insert(
      "INSERT INTO preference.verification_code (contact_point_id, code_hash, issued_at,"
          + " expires_at, attempts) VALUES (CAST(#{contactPointId} AS uuid), #{codeHash},"
          + " #{issuedAt}, #{expiresAt}, #{attempts}) ON CONFLICT (contact_point_id) DO UPDATE SET"
          + " code_hash = EXCLUDED.code_hash, issued_at = EXCLUDED.issued_at,"
          + " expires_at = EXCLUDED.expires_at, attempts = EXCLUDED.attempts")
  void upsert(VerificationRow row);

  @Select(
      "SELECT "
          + COLUMNS
          + " FROM preference.verification_code WHERE contact_point_id = CAST(#{id} AS uuid)"
          + " FOR UPDATE")
  @ConstructorArgs({
    @Arg(column = "contact_point_id", javaType = String.class),
    @Arg(column = "code_hash", javaType = String.class),
    @Arg(column = "issued_at", javaType = Instant.class),
    @Arg(column = "expires_at", javaType = Instant.class),
    @Arg(column = "attempts", javaType = int.class)
  })
  VerificationRow findForUpdate(@Param("id") String contactPointId);

  @Select(
      "SELECT "
          + COLUMNS
          + " FROM preference.verification_code WHERE contact_point_id = CAST(#{id} AS uuid)")
  @ConstructorArgs({
    @Arg(column = "contact_point_id", javaType = String.class),
    @Arg(column = "code_hash", javaType = String.class),
    @Arg(column = "issued_at", javaType = Instant.class),
    @Arg(column = "expires_at", javaType = Instant.class),
    @Arg(column = "attempts", javaType = int.class)
  })
  VerificationRow find(@Param("id") String contactPointId);

  @Update(
      "UPDATE preference.verification_code SET attempts = attempts + 1"
          + " WHERE contact_point_id = CAST(#{id} AS uuid)")
  int recordFailedAttempt(@Param("id") String contactPointId);

  @Delete("DELETE FROM preference.verification_code WHERE contact_point_id = CAST(#{id} AS uuid)")
  int delete(@Param("id") String contactPointId);
}
