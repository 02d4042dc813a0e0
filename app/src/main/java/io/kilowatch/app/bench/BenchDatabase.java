package io.kilowatch.app.bench;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * The benchmark's own PostgreSQL database: created fresh, seeded directly (the harness may write
 * tables; the product never reads another module's schema) and dropped at the end.
 */
final class BenchDatabase implements AutoCloseable {
  /** Columns of preference.contact_point the seeder knows how to fill. */
  private static final Set<String> KNOWN =
      Set.of(
          "id",
          "customer_id",
          "channel",
          "address",
          "verified",
          "created_at",
          "verified_at",
          "platform");

  private final String base;
  private final String user;
  private final String password;
  private final String name;
  private boolean created;

  BenchDatabase(String base, String user, String password, String name) {
    this.base = base.endsWith("/") ? base : base + "/";
    this.user = user;
    this.password = password;
    this.name = name;
  }

  String name() {
    return name;
  }

  /** JDBC URL of the benchmark database, as the platform gets it. */
  String url() {
    return base + name + "?user=" + user + (password.isEmpty() ? "" : "&password=" + password);
  }

  static boolean reachable(String base, String user, String password) {
    try (Connection c =
        connect(base + (base.endsWith("/") ? "" : "/") + "postgres", user, password)) {
      return c.isValid(3);
    } catch (SQLException e) {
      Out.note("PostgreSQL at %s not reachable: %s", base, e.getMessage());
      return false;
    }
  }

  void create() throws SQLException {
    try (Connection c = connect(base + "postgres", user, password);
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE \"" + name + "\"");
      created = true;
    }
  }

  Connection open() throws SQLException {
    return connect(base + name, user, password);
  }

  /**
   * Seeds {@code count} customers {@code prefix + index} (from {@code from}) with one verified SMS
   * contact point each ({@link #phone}) and, when the consent module's ledger exists, a granted
   * service consent for SMS, with COPY, then refreshes the planner's statistics. Checks the table's
   * current definition first: a new mandatory column fails loudly.
   */
  void seedSmsContacts(String prefix, long from, long count) throws SQLException, IOException {
    try (Connection c = open()) {
      Map<String, Boolean> columns = contactPointColumns(c);
      for (var e : columns.entrySet()) {
        if (e.getValue() && !KNOWN.contains(e.getKey())) {
          throw new IllegalStateException(
              "preference.contact_point has a new mandatory column '"
                  + e.getKey()
                  + "' the benchmark does not fill; update BenchDatabase.seedSmsContacts");
        }
      }
      boolean verifiedAt = columns.containsKey("verified_at");
      String cols =
          "id, customer_id, channel, address, verified, created_at"
              + (verifiedAt ? ", verified_at" : "");
      var copy = c.unwrap(PGConnection.class).getCopyAPI();
      String now = Instant.now().toString();
      final int chunk = 50_000;
      for (long start = from; start < from + count; start += chunk) {
        long end = Math.min(from + count, start + chunk);
        StringBuilder csv = new StringBuilder((int) (end - start) * 110);
        for (long i = start; i < end; i++) {
          csv.append(UUID.randomUUID())
              .append(',')
              .append(prefix)
              .append(i)
              .append(",SMS,")
              .append(phone(i))
              .append(",t,")
              .append(now);
          if (verifiedAt) {
            csv.append(',').append(now);
          }
          csv.append('\n');
        }
        copy.copyIn(
            "COPY preference.contact_point (" + cols + ") FROM STDIN (FORMAT csv)",
            new StringReader(csv.toString()));
      }
      boolean consent = tableExists(c, "consent", "consent_event");
      if (consent) {
        // the service-purpose consent for SMS, granted as an import would record it
        for (long start = from; start < from + count; start += chunk) {
          long end = Math.min(from + count, start + chunk);
          StringBuilder csv = new StringBuilder((int) (end - start) * 90);
          for (long i = start; i < end; i++) {
            csv.append(prefix)
                .append(i)
                .append(",service,sms,granted,import,kwbench,bench-v1,")
                .append(now)
                .append(',')
                .append(now)
                .append('\n');
          }
          copy.copyIn(
              "COPY consent.consent_event (customer_id, purpose, channel, action, source, actor,"
                  + " text_version, occurred_at, recorded_at) FROM STDIN (FORMAT csv)",
              new StringReader(csv.toString()));
        }
      }
      try (Statement st = c.createStatement()) {
        st.execute("ANALYZE preference.contact_point");
        if (consent) {
          st.execute("ANALYZE consent.consent_event");
        }
      }
    }
  }

  private static boolean tableExists(Connection c, String schema, String table)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The SMS number of customer {@code index}: unique per customer, valid E.164 (UK mobile). */
  static String phone(long index) {
    return "+447" + String.format("%09d", index);
  }

  /** Column name → mandatory without default, in table order. */
  private static Map<String, Boolean> contactPointColumns(Connection c) throws SQLException {
    Map<String, Boolean> columns = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT column_name, is_nullable = 'NO' AND column_default IS NULL"
                + " FROM information_schema.columns WHERE table_schema = 'preference'"
                + " AND table_name = 'contact_point' ORDER BY ordinal_position")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1), rs.getBoolean(2));
        }
      }
    }
    if (columns.isEmpty()) {
      throw new IllegalStateException("preference.contact_point does not exist (migrations?)");
    }
    return columns;
  }

  /** Migrations applied to preference (for the report: the table definition seeded against). */
  List<String> preferenceMigrations() throws SQLException {
    try (Connection c = open();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT version FROM preference.flyway_history WHERE success AND version IS NOT"
                    + " NULL ORDER BY installed_rank")) {
      List<String> versions = new java.util.ArrayList<>();
      while (rs.next()) {
        versions.add("V" + rs.getString(1));
      }
      return versions;
    } catch (SQLException e) {
      return List.of("unknown (" + e.getMessage() + ")");
    }
  }

  /** Notifications per status whose record was last updated in [from, to). */
  Map<String, Long> statusesUpdatedBetween(Instant from, Instant to) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = open();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT status, count(*) FROM delivery.notification WHERE updated_at >= ? AND"
                    + " updated_at < ? GROUP BY status ORDER BY status")) {
      ps.setTimestamp(1, Timestamp.from(from));
      ps.setTimestamp(2, Timestamp.from(to));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return counts;
  }

  /** Accepted provider attempts recorded in [from, to) (the delivery record's attempt rows). */
  long acceptedAttemptsBetween(Instant from, Instant to) throws SQLException {
    try (Connection c = open();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*) FROM delivery.attempt WHERE outcome = 'accepted'"
                    + " AND attempted_at >= ? AND attempted_at < ?")) {
      ps.setTimestamp(1, Timestamp.from(from));
      ps.setTimestamp(2, Timestamp.from(to));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * This database's activity counters (pg_stat_database: commits, rows written and read) plus the
   * statements of its tables (index and sequential scans), to normalise per notification.
   */
  Map<String, Long> activity() throws SQLException {
    Map<String, Long> counters = new LinkedHashMap<>();
    try (Connection c = open();
        Statement st = c.createStatement()) {
      st.execute("SELECT pg_stat_clear_snapshot()");
      try (ResultSet rs =
          st.executeQuery(
              "SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted,"
                  + " tup_fetched, blks_read FROM pg_stat_database WHERE datname ="
                  + " current_database()")) {
        if (rs.next()) {
          counters.put("commits", rs.getLong(1));
          counters.put("rollbacks", rs.getLong(2));
          counters.put("rows_inserted", rs.getLong(3));
          counters.put("rows_updated", rs.getLong(4));
          counters.put("rows_deleted", rs.getLong(5));
          counters.put("rows_fetched", rs.getLong(6));
          counters.put("blocks_read_from_disk", rs.getLong(7));
        }
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT coalesce(sum(seq_scan), 0), coalesce(sum(idx_scan), 0)"
                  + " FROM pg_stat_user_tables")) {
        if (rs.next()) {
          counters.put("seq_scans", rs.getLong(1));
          counters.put("index_scans", rs.getLong(2));
        }
      }
    }
    return counters;
  }

  @Override
  public void close() {
    if (!created) {
      return;
    }
    try (Connection c = connect(base + "postgres", user, password);
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
      created = false;
      Out.kv("database_dropped", name);
    } catch (SQLException e) {
      Out.note("could not drop database %s: %s", name, e.getMessage());
    }
  }

  private static Connection connect(String url, String user, String password) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    if (!password.isEmpty()) {
      props.setProperty("password", password);
    }
    props.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(url, props);
  }
}
