package io.kilowatch.rules.bench;

import io.kilowatch.rules.adapter.out.persistence.PriceRuleStream;
import io.kilowatch.rules.domain.price.PriceThresholdIndex;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The start-up load measured on PostgreSQL: a scratch database with the rules schema (the module's
 * own migrations), {@code rules} price rules and their state written with COPY, then timed: reading
 * the feed versions, streaming every active price rule with {@link PriceRuleStream} and building
 * the index, as {@code PriceRuleIndex} does at start-up. The database is dropped afterwards.
 */
final class BenchmarkDatabase {
  private static final int COPY_CHUNK = 10_000;

  private BenchmarkDatabase() {}

  static void loadFromPostgres(
      String serverUrl, int rules, int regions, long seed, BiConsumer<String, Object> print)
      throws SQLException {
    String name = "kw_bench_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    try (Connection admin = DriverManager.getConnection(serverUrl);
        Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    String url = withDatabase(serverUrl, name);
    try {
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setURL(url);
      Flyway.configure()
          .dataSource(dataSource)
          .schemas("rules")
          .defaultSchema("rules")
          .createSchemas(true)
          .table("flyway_history")
          .locations("classpath:db/rules")
          .load()
          .migrate();
      try (Connection c = DriverManager.getConnection(url)) {
        long t = System.nanoTime();
        insert(c, rules, regions, seed);
        print.accept("db_insert_ms", (System.nanoTime() - t) / 1_000_000);

        c.setAutoCommit(false); // a cursor: rows arrive FETCH_SIZE at a time
        t = System.nanoTime();
        Map<String, Long> versions = new HashMap<>();
        try (Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT feed_key, version FROM rules.price_feed")) {
          while (rs.next()) {
            versions.put(rs.getString(1), rs.getLong(2));
          }
        }
        PriceThresholdIndex.Rows rows = new PriceThresholdIndex.Rows();
        int n = PriceRuleStream.loadAll(c, rows);
        long streamed = System.nanoTime() - t;
        PriceThresholdIndex index = PriceThresholdIndex.build(rows, versions);
        long loaded = System.nanoTime() - t;
        c.commit();
        print.accept("db_rules_loaded", index.size() + " of " + n);
        print.accept("db_stream_ms", streamed / 1_000_000);
        print.accept("db_load_ms", loaded / 1_000_000);
      }
    } finally {
      try (Connection admin = DriverManager.getConnection(serverUrl);
          Statement st = admin.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }

  /** COPY of the rules (distributions as in the in-memory run), their state, feed versions. */
  private static void insert(Connection c, int rules, int regions, long seed) throws SQLException {
    // bulk-load practice: secondary indexes are built once after the COPY, not row by row
    try (Statement st = c.createStatement()) {
      st.execute("DROP INDEX rules.rule_customer, rules.rule_price_feed, rules.rule_kind_region");
    }
    SplittableRandom random = new SplittableRandom(seed);
    String created = "2026-07-01 00:00:00+00";
    CopyIn copy =
        c.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn(
                "COPY rules.rule (id, customer_id, kind, region, price_timing, above_micros,"
                    + " above_reset_micros, below_micros, below_reset_micros, active, created_at,"
                    + " updated_at) FROM STDIN WITH (FORMAT csv)");
    try {
      StringBuilder chunk = new StringBuilder(COPY_CHUNK * 140);
      for (int i = 0; i < rules; i++) {
        String region = String.format("GB-R%02d", random.nextInt(regions) + 1);
        String timing = random.nextInt(10) == 0 ? "upcoming" : "current";
        int shape = random.nextInt(10);
        String above = "";
        String aboveReset = "";
        String below = "";
        String belowReset = "";
        if (shape <= 6 || shape == 9) {
          long level = PriceIndexBenchmark.aboveThreshold(random);
          above = Long.toString(level);
          aboveReset =
              random.nextBoolean()
                  ? ""
                  : Long.toString(level - (100 + random.nextInt(400)) * 10_000L);
        }
        if (shape >= 7) {
          long level = (random.nextInt(3) == 0 ? 0 : (-500 + random.nextInt(2000))) * 10_000L;
          below = Long.toString(level);
          belowReset =
              random.nextBoolean()
                  ? ""
                  : Long.toString(level + (100 + random.nextInt(300)) * 10_000L);
        }
        chunk
            .append(new UUID(random.nextLong(), random.nextLong()))
            .append(",C-")
            .append(i)
            .append(",price-threshold,")
            .append(region)
            .append(',')
            .append(timing)
            .append(',')
            .append(above)
            .append(',')
            .append(aboveReset)
            .append(',')
            .append(below)
            .append(',')
            .append(belowReset)
            .append(",true,")
            .append(created)
            .append(',')
            .append(created)
            .append('\n');
        if ((i + 1) % COPY_CHUNK == 0 || i == rules - 1) {
          byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
          copy.writeToCopy(bytes, 0, bytes.length);
          chunk.setLength(0);
        }
      }
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
    try (Statement st = c.createStatement()) {
      st.execute("CREATE INDEX rule_customer ON rules.rule (customer_id, created_at)");
      st.execute(
          "CREATE INDEX rule_price_feed ON rules.rule (region, (COALESCE(tariff, '')),"
              + " price_timing) WHERE kind = 'price-threshold'");
      st.execute(
          "CREATE INDEX rule_kind_region ON rules.rule (kind, region, (COALESCE(tariff, '')), id)"
              + " WHERE region IS NOT NULL AND active");
      // every state row references a rule just written: no need to check a million keys
      st.execute("ALTER TABLE rules.rule_state DISABLE TRIGGER ALL");
      st.execute(
          "INSERT INTO rules.rule_state (rule_id, above_fired, below_fired, updated_at)"
              + " SELECT id, above_micros IS NOT NULL AND random() < 0.1, false, now()"
              + " FROM rules.rule");
      st.execute("ALTER TABLE rules.rule_state ENABLE TRIGGER ALL");
      st.execute(
          "INSERT INTO rules.price_feed (feed_key, version, updated_at)"
              + " SELECT DISTINCT region || '|' || COALESCE(tariff, '') || '|' || price_timing, 1,"
              + " now() FROM rules.rule WHERE kind = 'price-threshold'");
      // a settled database, as after any day in production (hint bits set, statistics known)
      st.execute("VACUUM ANALYZE rules.rule");
      st.execute("VACUUM ANALYZE rules.rule_state");
    }
  }

  /** Replaces the database name in a JDBC URL, keeping host, port and parameters. */
  static String withDatabase(String url, String database) {
    int schemeEnd = url.indexOf("//") + 2;
    int pathStart = url.indexOf('/', schemeEnd);
    int query = url.indexOf('?', schemeEnd);
    String host = url.substring(0, pathStart < 0 ? (query < 0 ? url.length() : query) : pathStart);
    String params = query < 0 ? "" : url.substring(query);
    return host + "/" + database + params;
  }
}
