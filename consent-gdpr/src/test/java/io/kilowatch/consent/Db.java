package io.kilowatch.consent;

import io.micronaut.context.ApplicationContext;
import io.micronaut.jdbc.DataSourceResolver;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Plain JDBC on the test's database, outside the module's code, to see what is really stored. */
public final class Db {
  private final DataSource dataSource;

  public Db(ApplicationContext context) {
    this.dataSource =
        context.getBean(DataSourceResolver.class).resolve(context.getBean(DataSource.class));
  }

  public long count(String sql) {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Runs a statement; the exception as it is, for tests that expect one. */
  public void execute(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /** Every row of every table in the schema, one line per row with all its columns as text. */
  public String dumpSchema(String schema) {
    StringBuilder out = new StringBuilder();
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                  + schema
                  + "' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet rs = st.executeQuery("SELECT * FROM " + schema + "." + table)) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            out.append(table).append(':');
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              out.append(' ').append(meta.getColumnName(i)).append('=').append(rs.getString(i));
            }
            out.append('\n');
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }
}
