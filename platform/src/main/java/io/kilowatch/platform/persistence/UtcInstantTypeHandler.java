package io.kilowatch.platform.persistence;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

/**
 * Maps {@link Instant} to {@code timestamptz} through {@link OffsetDateTime} in UTC, so that the
 * JVM's default time zone never takes part in the conversion.
 */
public class UtcInstantTypeHandler extends BaseTypeHandler<Instant> {
  @Override
  public void setNonNullParameter(PreparedStatement ps, int i, Instant parameter, JdbcType jdbcType)
      throws SQLException {
    ps.setObject(i, OffsetDateTime.ofInstant(parameter, ZoneOffset.UTC));
  }

  @Override
  public Instant getNullableResult(ResultSet rs, String columnName) throws SQLException {
    return toInstant(rs.getObject(columnName, OffsetDateTime.class));
  }

  @Override
  public Instant getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
    return toInstant(rs.getObject(columnIndex, OffsetDateTime.class));
  }

  @Override
  public Instant getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
    return toInstant(cs.getObject(columnIndex, OffsetDateTime.class));
  }

  private static Instant toInstant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }
}
