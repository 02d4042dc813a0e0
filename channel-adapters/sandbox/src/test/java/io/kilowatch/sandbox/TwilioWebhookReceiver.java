package io.kilowatch.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands in for the application: records the Twilio webhooks it is sent and answers them. */
final class TwilioWebhookReceiver implements AutoCloseable {

  /** One webhook as it arrived: path and query exactly as sent, form decoded. */
  record Received(
      String path,
      String rawQuery,
      String signature,
      String contentType,
      String userAgent,
      Map<String, List<String>> form) {

    String param(String name) {
      List<String> values = form.get(name);
      return values == null ? null : values.get(0);
    }

    /** The parameters as Twilio's signature covers them (single-valued). */
    Map<String, String> singleValued() {
      Map<String, String> single = new LinkedHashMap<>();
      form.forEach((name, values) -> single.put(name, values.get(0)));
      return single;
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(204);

  TwilioWebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          URI uri = exchange.getRequestURI();
          received.add(
              new Received(
                  uri.getRawPath(),
                  uri.getRawQuery(),
                  exchange.getRequestHeaders().getFirst("X-Twilio-Signature"),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  exchange.getRequestHeaders().getFirst("User-Agent"),
                  IncomingRequest.parseForm(body)));
          int answer = status.get();
          if (answer == 200) {
            byte[] twiml = "<Response/>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, twiml.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(twiml);
            }
          } else {
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
          }
        });
    server.start();
  }

  /** {@code http://127.0.0.1:<port>} + path. */
  String url(String pathAndQuery) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
  }

  /** Answers every webhook with this status from now on; 200 answers with empty TwiML. */
  void answer(int httpStatus) {
    status.set(httpStatus);
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
