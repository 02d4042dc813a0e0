package io.kilowatch.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.model.BrokerModel;

/**
 * An in-process AMQP 0-9-1 broker (Apache Qpid Broker-J, in-memory virtual host) for the embedded
 * default and for tests on a machine without RabbitMQ. Messages do not survive a restart of the
 * process. Kilowatch dead-letters in the application, so Qpid's lack of RabbitMQ's dead-letter
 * arguments does not matter. Not thread-safe; start once, close once.
 */
public final class EmbeddedAmqpBroker implements AutoCloseable {
  public static final String USER = "guest";
  public static final String PASSWORD = "guest";

  private final SystemLauncher launcher;
  private final int port;
  private final Path workDirectory;

  private EmbeddedAmqpBroker(SystemLauncher launcher, int port, Path workDirectory) {
    this.launcher = launcher;
    this.port = port;
    this.workDirectory = workDirectory;
  }

  /** Starts a broker on a free port, or on {@code port} if it is positive. */
  public static EmbeddedAmqpBroker start(int port) {
    int actualPort = port > 0 ? port : FreePort.find();
    try {
      Path work = Files.createTempDirectory("kilowatch-qpid");
      Path config = work.resolve("initial-config.json");
      try (var in = EmbeddedAmqpBroker.class.getResourceAsStream("qpid-initial-config.json")) {
        String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(config, json.replace("${qpid.model_version}", BrokerModel.MODEL_VERSION));
      }
      Map<String, Object> context = new HashMap<>();
      context.put("qpid.work_dir", work.toString());
      context.put("qpid.home_dir", work.toString());
      context.put("qpid.amqp_port", Integer.toString(actualPort));
      context.put("qpid.user", USER);
      context.put("qpid.password", PASSWORD);
      context.put("qpid.broker.defaultPreferenceStoreAttributes", "{\"type\": \"Noop\"}");
      Map<String, Object> attributes = new HashMap<>();
      attributes.put("type", "Memory");
      attributes.put("initialConfigurationLocation", config.toUri().toString());
      attributes.put("startupLoggedToSystemOut", false);
      attributes.put("context", context);
      SystemLauncher launcher = new SystemLauncher();
      launcher.startup(attributes);
      return new EmbeddedAmqpBroker(launcher, actualPort, work);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded AMQP broker did not start", e);
    } catch (Exception e) {
      throw new IllegalStateException("embedded AMQP broker did not start", e);
    }
  }

  public int port() {
    return port;
  }

  /** AMQP URI with credentials, for {@code rabbitmq.uri}. */
  public String uri() {
    return "amqp://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port;
  }

  @Override
  public void close() {
    launcher.shutdown();
    try (Stream<Path> files = Files.walk(workDirectory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // temporary directory; the OS cleans up what is left
    }
  }
}
