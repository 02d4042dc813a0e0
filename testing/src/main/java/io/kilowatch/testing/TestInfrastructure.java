package io.kilowatch.testing;

import io.kilowatch.infra.embedded.EmbeddedAmqpBroker;
import io.kilowatch.infra.embedded.EmbeddedPostgresServer;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The infrastructure a test runs on: the machine's real PostgreSQL and RabbitMQ when {@code
 * KILOWATCH_TEST_JDBC_URL} and {@code KILOWATCH_TEST_AMQP_URI} are set (as {@code .ci/run} does),
 * else an embedded PostgreSQL and an in-process AMQP broker started once per JVM.
 *
 * <p>Every call to {@link #properties()} gives a test its own database (created now, dropped when
 * the JVM exits), its own broker namespace (queues and exchanges deleted when its context closes)
 * and its own Hazelcast cluster name, so tests never see each other's data or leftovers.
 */
public final class TestInfrastructure {
  public static final String ENV_JDBC_URL = "KILOWATCH_TEST_JDBC_URL";
  public static final String ENV_AMQP_URI = "KILOWATCH_TEST_AMQP_URI";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final List<String> CREATED_DATABASES = new CopyOnWriteArrayList<>();
  private static String serverUrl;
  private static String amqpUri;
  private static EmbeddedPostgresServer embeddedPostgres;
  private static EmbeddedAmqpBroker embeddedBroker;

  private TestInfrastructure() {}

  /** Properties for an application context on fresh, isolated infrastructure. */
  public static Map<String, String> properties() {
    String suffix = randomSuffix();
    Map<String, String> p = new HashMap<>();
    p.put("datasources.default.url", newDatabase("kw_test_" + suffix));
    p.put("datasources.default.driver-class-name", "org.postgresql.Driver");
    p.put("datasources.default.maximum-pool-size", "20");
    p.put("rabbitmq.uri", amqpUri());
    p.put("kilowatch.messaging.namespace", "kwtest-" + suffix);
    p.put("kilowatch.messaging.delete-on-shutdown", "true");
    p.put("kilowatch.messaging.retry-delay", "20ms");
    p.put("kilowatch.hazelcast.cluster-name", "kwtest-" + suffix);
    p.put("kilowatch.hazelcast.port", "15701");
    p.put("micronaut.security.token.jwt.signatures.secret.generator.secret", jwtSecret());
    p.put("micronaut.server.port", "-1");
    return p;
  }

  /** A random secret of test strength, new for each context. */
  public static String jwtSecret() {
    return "test-secret-" + randomSuffix() + randomSuffix() + randomSuffix();
  }

  /** Creates an empty database and returns its JDBC URL; it is dropped when the JVM exits. */
  public static synchronized String newDatabase(String name) {
    String server = serverUrl();
    try (Connection c = DriverManager.getConnection(server);
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database on " + server, e);
    }
    CREATED_DATABASES.add(name);
    return withDatabase(server, name);
  }

  /** The AMQP URI of the broker tests use. */
  public static synchronized String amqpUri() {
    if (amqpUri == null) {
      String env = System.getenv(ENV_AMQP_URI);
      if (env != null && !env.isBlank()) {
        amqpUri = env;
      } else {
        embeddedBroker = EmbeddedAmqpBroker.start(0);
        amqpUri = embeddedBroker.uri();
      }
    }
    return amqpUri;
  }

  /** True when the tests run against the machine's real services. */
  public static boolean usesRealServices() {
    String env = System.getenv(ENV_JDBC_URL);
    return env != null && !env.isBlank();
  }

  private static synchronized String serverUrl() {
    if (serverUrl == null) {
      String env = System.getenv(ENV_JDBC_URL);
      if (env != null && !env.isBlank()) {
        serverUrl = env;
      } else {
        embeddedPostgres = EmbeddedPostgresServer.start(null);
        serverUrl = embeddedPostgres.jdbcUrl();
      }
      Runtime.getRuntime()
          .addShutdownHook(new Thread(TestInfrastructure::cleanUp, "kw-test-cleanup"));
    }
    return serverUrl;
  }

  private static void cleanUp() {
    if (embeddedPostgres != null) {
      embeddedPostgres.close();
    } else {
      try (Connection c = DriverManager.getConnection(serverUrl);
          Statement st = c.createStatement()) {
        for (String db : CREATED_DATABASES) {
          st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
      } catch (SQLException e) {
        System.err.println("could not drop test databases: " + e);
      }
    }
    if (embeddedBroker != null) {
      embeddedBroker.close();
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

  private static String randomSuffix() {
    byte[] bytes = new byte[4];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
