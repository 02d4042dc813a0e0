package io.kilowatch.channel.webhook;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on {@code http://127.0.0.1:<free port>} (JDK HttpServer) that records every
 * request and answers as told. {@link #hang()} answers block until {@link #close()}.
 */
final class TestReceiver implements AutoCloseable {

  /** One request as it arrived. */
  record Received(String method, String path, Headers headers, byte[] body) {
    String header(String name) {
      return headers.getFirst(name);
    }
  }

  /** Writes the answer to one exchange. */
  @FunctionalInterface
  interface Answer {
    void write(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile Answer answer = status(204, Map.of(), "");

  private TestReceiver(HttpServer server) {
    this.server = server;
  }

  static TestReceiver start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    TestReceiver receiver = new TestReceiver(server);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            receiver.received.add(
                new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(),
                    exchange.getRequestBody().readAllBytes()));
            receiver.answer.write(exchange);
          }
        });
    // Answers may block (hang); they must not block the server's dispatcher.
    server.setExecutor(receiver.executor);
    server.start();
    return receiver;
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  void answer(Answer answer) {
    this.answer = answer;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  static Answer status(int status, Map<String, String> headers, String body) {
    return exchange -> {
      headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      exchange.getResponseBody().write(bytes);
    };
  }

  /** Never answers (until the receiver closes). */
  Answer hang() {
    return exchange -> awaitRelease();
  }

  /** Sends {@code status} and its headers and the start of a body, then never finishes it. */
  Answer hangAfterHeaders(int status) {
    return exchange -> {
      exchange.sendResponseHeaders(status, 0);
      exchange
          .getResponseBody()
          .write("{\"receiv".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      exchange.getResponseBody().flush();
      awaitRelease();
    };
  }

  private void awaitRelease() throws IOException {
    try {
      released.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
