package io.kilowatch.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local HTTP server that speaks the notification providers' APIs (Twilio Messages today), so that
 * tests and the demo exercise the providers' real SDKs end to end, and that can be told to fail,
 * slow down, go down or rate-limit. Every provider request is recorded, failed ones included.
 *
 * <p>Control over HTTP (no authentication: bind to 127.0.0.1 only):
 *
 * <ul>
 *   <li>{@code GET /_sandbox/requests} — recorded requests as JSON; {@code DELETE} clears them
 *   <li>{@code POST /_sandbox/twilio/fail} {@code {"count":2,"status":500,"code":20500}}
 *   <li>{@code POST /_sandbox/twilio/latency} {@code {"millis":250}}
 *   <li>{@code POST /_sandbox/twilio/outage} {@code {"millis":60000}}
 *   <li>{@code POST /_sandbox/twilio/rate-limit} {@code {"permitsPerSecond":10,
 *       "retryAfterSeconds":2}}
 *   <li>{@code POST /_sandbox/twilio/reset}
 * </ul>
 *
 * <p>Thread-safe. Start with {@link #start}; {@link #close} stops the server and its threads.
 */
public final class ProviderSandbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderSandbox.class);
  private static final String CONTROL_PREFIX = "/_sandbox/";
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  static {
    // The JDK server leaves Nagle's algorithm on unless told otherwise; with delayed ACKs that
    // costs
    // ~40 ms per keep-alive request (measured: 100 sequential requests 4.7 s vs 0.4 s). The JDK
    // reads the property once, when its first server starts, so set it before ours does; an
    // explicit -Dsun.net.httpserver.nodelay wins.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService timer;
  private final RequestJournal journal;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final TwilioHandler twilio;
  private final SendGridHandler sendgrid;
  private final FcmHandler fcm;
  private final Map<String, ProviderHandler> handlers;
  private final URI baseUrl;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ProviderSandbox(SandboxSettings settings) throws IOException {
    this.clock = settings.clock();
    this.journal = new RequestJournal(settings.maxRecordedRequests());
    this.twilio =
        new TwilioHandler(settings.twilioAccounts(), clock, json, settings.maxRecordedRequests());
    this.sendgrid =
        new SendGridHandler(
            settings.sendgridApiKeys(), settings.sendgridEventKeyPair(), clock, json);
    this.fcm = new FcmHandler(settings.fcmAccessTokens(), clock, json);
    this.handlers = Map.of(twilio.name(), twilio, sendgrid.name(), sendgrid, fcm.name(), fcm);

    int instance = INSTANCES.incrementAndGet();
    // Handlers never block (latency is a timer), so a fixed pool sized for socket I/O suffices;
    // the queue is unbounded because the sandbox should rather queue than refuse under a load test.
    this.workers =
        new ThreadPoolExecutor(
            settings.workerThreads(),
            settings.workerThreads(),
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads("provider-sandbox-" + instance + "-worker-"));
    workers.allowCoreThreadTimeOut(true);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            daemonThreads("provider-sandbox-" + instance + "-timer-"));

    this.server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 1024);
    server.setExecutor(workers);
    for (ProviderHandler handler : handlers.values()) {
      for (String prefix : handler.apiPathPrefixes()) {
        server.createContext(prefix, exchange -> serveApi(handler, exchange));
      }
    }
    server.createContext(CONTROL_PREFIX, this::serveControl);
    server.start();
    InetSocketAddress address = server.getAddress();
    this.baseUrl =
        URI.create("http://" + hostLiteral(address.getHostString()) + ":" + address.getPort());
    LOG.info("Provider sandbox listening on {}", baseUrl);
  }

  /**
   * Starts a sandbox.
   *
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static ProviderSandbox start(SandboxSettings settings) {
    try {
      return new ProviderSandbox(settings);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start provider sandbox on port " + settings.port(), e);
    }
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** Behaviour of the Twilio API. */
  public TwilioControl twilio() {
    return twilio.control();
  }

  /** Behaviour of the SendGrid API, and its event webhook ({@link SendGridControl#events()}). */
  public SendGridControl sendgrid() {
    return sendgrid.control();
  }

  /** Behaviour of the FCM HTTP v1 API. */
  public FcmControl fcm() {
    return fcm.control();
  }

  /** Provider requests received so far (up to the configured maximum), oldest first. */
  public List<RecordedRequest> requests() {
    return journal.snapshot();
  }

  /** Requests one provider received, e.g. {@code twilio}. */
  public List<RecordedRequest> requests(String provider) {
    return journal.snapshot().stream().filter(r -> r.provider().equals(provider)).toList();
  }

  /** Forgets recorded requests; behaviour set through the controls stays. */
  public void clear() {
    journal.clear();
  }

  /** Stops listening, drops delayed answers not yet sent and stops the threads. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0);
      timer.shutdownNow();
      workers.shutdownNow();
      twilio.close();
      LOG.info("Provider sandbox on {} stopped", baseUrl);
    }
  }

  private void serveApi(ProviderHandler handler, HttpExchange exchange) {
    IncomingRequest request;
    try {
      request = read(exchange);
    } catch (IOException e) {
      LOG.debug("Could not read request to {}", exchange.getRequestURI(), e);
      exchange.close();
      return;
    }
    Reply reply;
    try {
      reply = handler.handleApi(request);
    } catch (RuntimeException e) {
      LOG.error("Sandbox handler {} failed on {}", handler.name(), request.path(), e);
      reply = Reply.json(500, "{\"message\":\"provider sandbox error\"}");
    }
    // Recorded before answering: once a client has its answer, requests() already shows it.
    journal.record(request.recorded(handler.name(), reply.status()));
    send(exchange, reply);
  }

  private void serveControl(HttpExchange exchange) {
    try {
      IncomingRequest request = read(exchange);
      String[] segments = request.path().substring(CONTROL_PREFIX.length()).split("/");
      Reply reply;
      if (segments.length == 1 && segments[0].equals("requests")) {
        reply = requestsEndpoint(request);
      } else if (segments.length == 2 && handlers.containsKey(segments[0])) {
        reply = handlers.get(segments[0]).handleControl(segments[1], request);
      } else {
        reply = Reply.json(404, "{\"error\":\"no such sandbox endpoint\"}");
      }
      write(exchange, reply);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Sandbox control request {} failed", exchange.getRequestURI(), e);
      exchange.close();
    }
  }

  private Reply requestsEndpoint(IncomingRequest request) throws JsonProcessingException {
    return switch (request.method()) {
      case "GET" -> {
        List<Map<String, Object>> listing =
            journal.snapshot().stream().map(ProviderSandbox::toJson).toList();
        yield Reply.json(200, json.writeValueAsString(listing));
      }
      case "DELETE" -> {
        journal.clear();
        yield Reply.empty(204);
      }
      default -> Reply.json(405, "{\"error\":\"use GET or DELETE\"}");
    };
  }

  private static Map<String, Object> toJson(RecordedRequest r) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("provider", r.provider());
    map.put("method", r.method());
    map.put("path", r.path());
    map.put("query", r.query());
    map.put("headers", r.headers());
    map.put("body", r.body());
    map.put("form", r.form());
    map.put("receivedAt", r.receivedAt().toString());
    map.put("responseStatus", r.responseStatus());
    return map;
  }

  private IncomingRequest read(HttpExchange exchange) throws IOException {
    var receivedAt = clock.instant();
    byte[] body = exchange.getRequestBody().readAllBytes();
    URI uri = exchange.getRequestURI();
    return IncomingRequest.of(
        exchange.getRequestMethod(),
        uri.getPath(),
        uri.getRawQuery(),
        exchange.getRequestHeaders(),
        new String(body, StandardCharsets.UTF_8),
        receivedAt);
  }

  private void send(HttpExchange exchange, Reply reply) {
    if (reply.delay().isZero()) {
      writeQuietly(exchange, reply);
      return;
    }
    // The exchange is completed later from another thread; the worker is free in the meantime, so
    // latency does not cap throughput at workers / latency.
    try {
      timer.schedule(
          () -> workers.execute(() -> writeQuietly(exchange, reply)),
          reply.delay().toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      exchange.close();
    }
  }

  private void writeQuietly(HttpExchange exchange, Reply reply) {
    try {
      write(exchange, reply);
    } catch (IOException e) {
      // The client gave up (e.g. its read timeout fired during simulated latency).
      LOG.debug("Could not answer {}", exchange.getRequestURI(), e);
      exchange.close();
    }
  }

  private static void write(HttpExchange exchange, Reply reply) throws IOException {
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    byte[] body = reply.body();
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String hostLiteral(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
