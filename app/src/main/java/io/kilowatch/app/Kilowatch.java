package io.kilowatch.app;

import io.kilowatch.app.demo.DemoData;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Kilowatch: every module in one process, on the infrastructure the environment names, or on
 * embedded defaults (see {@link Infrastructure}). With the argument {@code demo} it also loads a
 * small demo data set and starts the meter simulator.
 */
public final class Kilowatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Kilowatch.class);

  private final Infrastructure infrastructure;
  private final ApplicationContext context;
  private final List<AutoCloseable> extras = new ArrayList<>();
  private final List<String> lines = new ArrayList<>();

  private Kilowatch(Infrastructure infrastructure, ApplicationContext context) {
    this.infrastructure = infrastructure;
    this.context = context;
  }

  public static void main(String[] args) throws InterruptedException {
    boolean demo = Arrays.asList(args).contains("demo");
    Kilowatch kilowatch = start(System.getenv(), demo);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  kilowatch.close();
                  stopped.countDown();
                },
                "kilowatch-shutdown"));
    System.out.println(String.join(System.lineSeparator(), kilowatch.lines));
    stopped.await();
  }

  /** Starts the platform; the caller closes it. */
  public static Kilowatch start(Map<String, String> env, boolean demo) {
    Infrastructure infrastructure = Infrastructure.from(env);
    ApplicationContext context;
    try {
      // Not Micronaut.run: its own shutdown hook would race ours for the context's lock.
      context =
          ApplicationContext.builder()
              .mainClass(Kilowatch.class)
              .properties(infrastructure.properties())
              .banner(false)
              .start();
      context.getBean(EmbeddedServer.class).start();
    } catch (RuntimeException e) {
      infrastructure.close();
      throw e;
    }
    Kilowatch kilowatch = new Kilowatch(infrastructure, context);
    try {
      kilowatch.describe();
      if (demo) {
        DemoData demoData = new DemoData(context, kilowatch.apiUrl());
        demoData.load();
        kilowatch.extras.add(demoData.startSimulator());
        kilowatch.lines.addAll(demoData.describe());
      }
    } catch (RuntimeException e) {
      kilowatch.close();
      throw e;
    }
    return kilowatch;
  }

  public ApplicationContext context() {
    return context;
  }

  /** Base URL of the API, e.g. {@code http://127.0.0.1:8080}. */
  public String apiUrl() {
    return "http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort();
  }

  /** Base URL of the management endpoints (health, prometheus). */
  public String managementUrl() {
    return "http://127.0.0.1:"
        + context.getProperty("endpoints.all.port", Integer.class).orElse(8081);
  }

  private void describe() {
    lines.add("");
    lines.add("Kilowatch is running (Ctrl-C stops it).");
    lines.add("  API         " + apiUrl() + "/api/v1");
    lines.add("  Health      " + managementUrl() + "/health");
    lines.add("  Metrics     " + managementUrl() + "/prometheus");
    infrastructure
        .sandbox()
        .ifPresent(s -> lines.add("  Sandbox     " + s.baseUrl() + "/_sandbox/requests"));
    for (String part : infrastructure.summary()) {
      lines.add("  " + part);
    }
  }

  @Override
  public void close() {
    for (AutoCloseable extra : extras) {
      try {
        extra.close();
      } catch (Exception e) {
        LOG.warn("stopping {}: {}", extra.getClass().getSimpleName(), e.toString());
      }
    }
    if (context.isRunning()) {
      context.close();
    }
    infrastructure.close();
  }
}
