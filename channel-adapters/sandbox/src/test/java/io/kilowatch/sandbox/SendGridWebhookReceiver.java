package io.kilowatch.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A local endpoint standing in for Kilowatch's SendGrid event webhook: keeps what it receives. */
final class SendGridWebhookReceiver implements AutoCloseable {
  /** One POST as it arrived: headers (names as sent) and raw body. */
  record Received(Map<String, List<String>> headers, String body, long receivedNanos) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private volatile int status = 204;

  SendGridWebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          received.add(
              new Received(
                  Map.copyOf(exchange.getRequestHeaders()),
                  new String(body, StandardCharsets.UTF_8),
                  System.nanoTime()));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  URI url() {
    return URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/providers/sendgrid/events");
  }

  void answer(int httpStatus) {
    this.status = httpStatus;
  }

  /** The next POST, waiting up to five seconds for it. */
  Received next() {
    try {
      Received next = received.poll(5, TimeUnit.SECONDS);
      if (next == null) {
        throw new AssertionError("no webhook POST arrived within 5 s");
      }
      return next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** True if nothing is waiting (for checks after a known later POST has arrived). */
  boolean isEmpty() {
    return received.isEmpty();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
