package io.kilowatch.infra.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A PostgreSQL server run from the zonky binaries in a child process, for the embedded default and
 * for tests on a machine without PostgreSQL. Works as root (zonky drops privileges with {@code
 * unshare}). Not thread-safe; start once, close once.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts a server.
   *
   * @param dataDirectory where to keep the data across restarts, or null for a fresh temporary
   *     directory removed at close
   */
  public static EmbeddedPostgresServer start(Path dataDirectory) {
    try {
      var builder =
          EmbeddedPostgres.builder()
              .setPort(FreePort.find())
              .setServerConfig("max_connections", "200")
              .setServerConfig("fsync", dataDirectory == null ? "off" : "on")
              .setServerConfig("synchronous_commit", dataDirectory == null ? "off" : "on");
      if (dataDirectory != null) {
        builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
      }
      return new EmbeddedPostgresServer(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  /** JDBC URL of the {@code postgres} database as the {@code postgres} superuser. */
  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
