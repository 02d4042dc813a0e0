package io.kilowatch.rules.adapter.out.persistence;

import io.kilowatch.rules.domain.price.PriceThresholdIndex;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Streams active price rules and their hysteresis state into the index's columns with a cursor
 * (plain JDBC: no object per row beyond what the driver makes, a large fetch size, forward only).
 * The connection must not be in auto-commit mode, or PostgreSQL sends all rows at once. Public so
 * that the benchmark measures exactly what start-up runs.
 *
 * <p>Two reads instead of a join: first the states that have fired (few: most sides are armed),
 * then the rules alone, a sequential scan; joining a million rules with a million states costs a
 * large hash join. Callers read the feeds' versions before: a change committed between the two
 * reads moved a version on, and the feed is reloaded before it is matched.
 */
public final class PriceRuleStream {
  public static final int FETCH_SIZE = 10_000;

  private static final String RULES =
      "SELECT r.id, r.region || '|' || COALESCE(r.tariff, '') || '|' || r.price_timing,"
          + " r.revision, r.above_micros, r.above_reset_micros, r.below_micros,"
          + " r.below_reset_micros FROM rules.rule r"
          + " WHERE r.kind = 'price-threshold' AND r.active";
  private static final String FIRED =
      "SELECT s.rule_id, s.above_fired, s.below_fired FROM rules.rule_state s"
          + " WHERE (s.above_fired OR s.below_fired)";
  private static final String FIRED_OF_FEED =
      "SELECT s.rule_id, s.above_fired, s.below_fired FROM rules.rule_state s"
          + " JOIN rules.rule r ON r.id = s.rule_id"
          + " WHERE (s.above_fired OR s.below_fired) AND r.kind = 'price-threshold'";
  private static final String ONE_FEED =
      " AND r.region = ? AND COALESCE(r.tariff, '') = ? AND r.price_timing = ?";
  private static final byte ABOVE_FIRED = 1;
  private static final byte BELOW_FIRED = 2;

  private PriceRuleStream() {}

  /** Every active price rule; returns how many were added. */
  public static int loadAll(Connection connection, PriceThresholdIndex.Rows sink)
      throws SQLException {
    Map<UUID, Byte> fired;
    try (PreparedStatement st = prepare(connection, FIRED)) {
      fired = fired(st);
    }
    try (PreparedStatement st = prepare(connection, RULES)) {
      return read(st, fired, sink);
    }
  }

  /** The active price rules of one feed ({@code region|tariff|timing}). */
  public static int loadFeed(Connection connection, String feedKey, PriceThresholdIndex.Rows sink)
      throws SQLException {
    String[] parts = feedKey.split("\\|", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a feed key: " + feedKey);
    }
    Map<UUID, Byte> fired;
    try (PreparedStatement st = prepare(connection, FIRED_OF_FEED + ONE_FEED)) {
      bind(st, parts);
      fired = fired(st);
    }
    try (PreparedStatement st = prepare(connection, RULES + ONE_FEED)) {
      bind(st, parts);
      return read(st, fired, sink);
    }
  }

  private static void bind(PreparedStatement st, String[] feed) throws SQLException {
    st.setString(1, feed[0]);
    st.setString(2, feed[1]);
    st.setString(3, feed[2]);
  }

  private static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
    PreparedStatement st =
        connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    st.setFetchSize(FETCH_SIZE);
    return st;
  }

  private static Map<UUID, Byte> fired(PreparedStatement st) throws SQLException {
    Map<UUID, Byte> fired = new HashMap<>();
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        byte flags =
            (byte) ((rs.getBoolean(2) ? ABOVE_FIRED : 0) | (rs.getBoolean(3) ? BELOW_FIRED : 0));
        fired.put(rs.getObject(1, UUID.class), flags);
      }
    }
    return fired;
  }

  private static int read(
      PreparedStatement st, Map<UUID, Byte> fired, PriceThresholdIndex.Rows sink)
      throws SQLException {
    int n = 0;
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        UUID id = rs.getObject(1, UUID.class);
        long above = rs.getLong(4);
        boolean hasAbove = !rs.wasNull();
        long aboveReset = rs.getLong(5);
        if (rs.wasNull()) {
          aboveReset = above;
        }
        long below = rs.getLong(6);
        boolean hasBelow = !rs.wasNull();
        long belowReset = rs.getLong(7);
        if (rs.wasNull()) {
          belowReset = below;
        }
        byte flags = fired.isEmpty() ? 0 : fired.getOrDefault(id, (byte) 0);
        sink.add(
            rs.getString(2),
            id.getMostSignificantBits(),
            id.getLeastSignificantBits(),
            rs.getInt(3),
            hasAbove,
            above,
            aboveReset,
            hasBelow,
            below,
            belowReset,
            (flags & ABOVE_FIRED) != 0,
            (flags & BELOW_FIRED) != 0);
        n++;
      }
    }
    return n;
  }
}
