package io.kilowatch.preference;

import io.micronaut.context.ApplicationContext;
import io.micronaut.jdbc.DataSourceResolver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Direct SQL on the test's database, outside the code under test, to look at what it stored. */
public final class Database {
  private final DataSource dataSource;

  public Database(ApplicationContext context) {
    this.dataSource =
        context.getBean(DataSourceResolver.class).resolve(context.getBean(DataSource.class));
  }

  public long count(String sql, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a statement; returns the error PostgreSQL raised, or null when it succeeded. */
  public String tryExecute(String sql) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.execute();
      return null;
    } catch (SQLException e) {
      return e.getMessage();
    }
  }
}
