package io.kilowatch.metering.gdpr;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.platform.gdpr.DataSubject;
import io.kilowatch.platform.gdpr.MeterPeriod;
import io.kilowatch.platform.gdpr.RetentionJobs;
import io.kilowatch.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Metering's data-subject contributor and readings retention on real PostgreSQL: only the person's
 * ownership period is exported and erased; expired readings go, newer ones stay.
 */
class MeteringPersonalDataIT {
  static final Instant MOVE_IN = Instant.parse("2026-03-01T00:00:00Z");
  static ApplicationContext context;
  static DataSource db;

  @BeforeAll
  static void start() {
    Map<String, Object> props = new HashMap<>(TestInfrastructure.properties());
    props.put("kilowatch.retention-job.enabled", "false");
    props.put("kilowatch.retention.readings", "P30D");
    props.put("kilowatch.retention-job.batch-size", "2");
    context = ApplicationContext.run(props);
    db =
        context
            .getBean(io.micronaut.jdbc.DataSourceResolver.class)
            .resolve(context.getBean(DataSource.class));
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
    }
  }

  @Test
  void exportAndErasureCoverOnlyTheOwnershipPeriod() throws SQLException {
    // the previous occupant's readings before the move-in, the person's after it
    reading("M-gdpr", MOVE_IN.minus(Duration.ofMinutes(15)), 500);
    reading("M-gdpr", MOVE_IN, 600);
    reading("M-gdpr", MOVE_IN.plus(Duration.ofMinutes(15)), 700);
    reading("M-gdpr", MOVE_IN.plus(Duration.ofMinutes(30)), 800);
    reading("M-other", MOVE_IN.plus(Duration.ofMinutes(15)), 900);
    window("M-gdpr", MOVE_IN, MOVE_IN.plus(Duration.ofDays(1)), 1500);
    window("M-gdpr", MOVE_IN.minus(Duration.ofDays(1)), MOVE_IN, 1100);
    MeteringPersonalData contributor = context.getBean(MeteringPersonalData.class);
    DataSubject subject =
        new DataSubject(
            "C-gdpr",
            Map.of(
                DataSubject.METER,
                Set.of("M-gdpr"),
                DataSubject.METER_PERIOD,
                Set.of(new MeterPeriod("M-gdpr", MOVE_IN, null).encode())));

    Map<String, Object> export = contributor.export(subject);
    assertThat(export.get("readings").toString())
        .contains("\"energy_wh\":700", "\"energy_wh\":800")
        .doesNotContain("\"energy_wh\":500", "\"energy_wh\":600", "\"energy_wh\":900");
    assertThat(export.get("daily_usage").toString())
        .contains("\"energy_wh\":1500")
        .doesNotContain("1100");

    assertThat(contributor.erase(subject))
        .containsEntry("readings", 2L)
        .containsEntry("daily_usage", 1L);
    assertThat(count("SELECT count(*) FROM metering.reading WHERE meter_id = 'M-gdpr'"))
        .isEqualTo(2);
    assertThat(count("SELECT count(*) FROM metering.reading WHERE meter_id = 'M-other'"))
        .isEqualTo(1);
    // idempotent
    assertThat(contributor.erase(subject)).containsEntry("readings", 0L);
  }

  @Test
  void retentionDeletesReadingsOlderThanThePeriodOnly() throws SQLException {
    Instant now = Instant.parse("2027-06-01T00:00:00Z");
    Instant cutoff = now.minus(Duration.ofDays(30));
    for (int i = 1; i <= 5; i++) {
      reading("M-ret", cutoff.minus(Duration.ofMinutes(15L * i)), i);
    }
    reading("M-ret", cutoff.plus(Duration.ofMinutes(15)), 99);
    window("M-ret", cutoff.minus(Duration.ofDays(2)), cutoff.minus(Duration.ofDays(1)), 5);
    window("M-ret", cutoff.minus(Duration.ofHours(12)), cutoff.plus(Duration.ofHours(12)), 6);
    RetentionJobs jobs = context.getBean(RetentionJobs.class);
    ReadingsRetention task = context.getBean(ReadingsRetention.class);

    assertThat(jobs.runTask(task, now)).isEqualTo(6); // batches of 2 until one comes back short
    assertThat(count("SELECT count(*) FROM metering.reading WHERE meter_id = 'M-ret'"))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM metering.daily_usage WHERE meter_id = 'M-ret'"))
        .isEqualTo(1);
    assertThat(jobs.runTask(task, now)).isZero();
  }

  static void reading(String meter, Instant time, long wh) throws SQLException {
    update(
        "INSERT INTO metering.reading (reading_id, meter_id, reading_time, energy_wh, received_at)"
            + " VALUES (?, ?, ?, ?, now())",
        meter + "@" + time,
        meter,
        Timestamp.from(time),
        wh);
  }

  static void window(String meter, Instant start, Instant end, long wh) throws SQLException {
    update(
        "INSERT INTO metering.daily_usage (meter_id, window_start, window_end, energy_wh,"
            + " reading_count, updated_at) VALUES (?, ?, ?, ?, 1, now())",
        meter,
        Timestamp.from(start),
        Timestamp.from(end),
        wh);
  }

  static void update(String sql, Object... args) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
  }

  static long count(String sql) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }
}
