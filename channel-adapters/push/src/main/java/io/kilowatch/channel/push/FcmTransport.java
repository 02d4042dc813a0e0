package io.kilowatch.channel.push;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import com.google.api.client.util.StreamingContent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP transport of one FCM profile's {@code FirebaseApp}, on the JDK's {@link HttpClient}
 * (connection pool, HTTP/2 to Google). It does three things the SDK cannot be told through its
 * options:
 *
 * <ul>
 *   <li><b>One attempt per send.</b> The Admin SDK retries a 503 up to four times with backoff
 *       (sleeping on the calling thread), honouring {@code Retry-After} up to one minute; there is
 *       no public switch (firebase-admin-java#1075). For answers it could retry (429, 5xx) this
 *       transport hands the SDK a {@code Retry-After} beyond that minute, so it declines, and keeps
 *       the provider's own value in {@link #PROVIDER_RETRY_AFTER} for classification.
 *   <li><b>Base URL.</b> With a base URL, requests to {@code https://fcm.googleapis.com} go there
 *       instead, and any other URL is refused: the sandbox path never leaves the configured host.
 *   <li><b>Timeouts.</b> Connect timeout per client, read timeout per request (the SDK passes
 *       {@code FirebaseOptions#getReadTimeout}).
 * </ul>
 *
 * Thread-safe. {@link #shutdown()} stops the client's threads.
 */
final class FcmTransport extends HttpTransport {
  static final String FCM_ORIGIN = "https://fcm.googleapis.com";

  /** Response header carrying the provider's {@code Retry-After} (absent if it sent none). */
  static final String PROVIDER_RETRY_AFTER = "x-kilowatch-provider-retry-after";

  /** Seconds; longer than the SDK's maximum retry wait (60 s), so it does not retry. */
  static final String DECLINE_RETRY_AFTER = Integer.toString(Integer.MAX_VALUE);

  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED_HEADERS =
      Set.of(
          "connection",
          "content-length",
          "date",
          "expect",
          "from",
          "host",
          "upgrade",
          "via",
          "warning");

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final URI baseUrl;
  private final ExecutorService executor;
  private final HttpClient client;

  /**
   * @param baseUrl scheme, host and port replacing {@link #FCM_ORIGIN}, or null for real FCM
   * @param connectTimeout longest wait for a TCP (and TLS) connection
   * @param name used in thread names, e.g. the provider name
   */
  FcmTransport(URI baseUrl, Duration connectTimeout, String name) {
    this.baseUrl = baseUrl;
    String prefix = "kilowatch-fcm-" + name + "-" + INSTANCES.incrementAndGet() + "-http-";
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, prefix + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor);
    ProxySelector proxies = ProxySelector.getDefault();
    if (proxies != null) {
      // HttpURLConnection (the SDK's default transport) honours the JVM's proxy settings.
      builder.proxy(proxies);
    }
    this.client = builder.build();
  }

  @Override
  protected LowLevelHttpRequest buildRequest(String method, String url) throws IOException {
    return new Request(method, target(url));
  }

  @Override
  public void shutdown() {
    executor.shutdownNow();
  }

  @Override
  public boolean isShutdown() {
    return executor.isShutdown();
  }

  /** Where a request of the SDK really goes. */
  URI target(String url) throws IOException {
    if (baseUrl == null) {
      return URI.create(url);
    }
    if (!url.startsWith(FCM_ORIGIN + "/")) {
      throw new IOException(
          "refusing to send to " + url + ": with base-url " + baseUrl + " only FCM is reachable");
    }
    return URI.create(baseUrl + url.substring(FCM_ORIGIN.length()));
  }

  private final class Request extends LowLevelHttpRequest {
    private final String method;
    private final URI uri;
    private final List<String[]> headers = new ArrayList<>();
    private Duration readTimeout;

    Request(String method, URI uri) {
      this.method = method;
      this.uri = uri;
    }

    @Override
    public void addHeader(String name, String value) {
      headers.add(new String[] {name, value});
    }

    @Override
    public void setTimeout(int connectTimeoutMillis, int readTimeoutMillis) {
      // The connect timeout belongs to the client; zero means "no timeout" in the SDK's terms.
      this.readTimeout = readTimeoutMillis > 0 ? Duration.ofMillis(readTimeoutMillis) : null;
    }

    @Override
    public LowLevelHttpResponse execute() throws IOException {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri);
      if ("http".equals(uri.getScheme())) {
        // Plain HTTP is the sandbox: no h2c upgrade dance, one request per exchange.
        request.version(HttpClient.Version.HTTP_1_1);
      }
      if (readTimeout != null) {
        request.timeout(readTimeout);
      }
      for (String[] header : headers) {
        if (!RESTRICTED_HEADERS.contains(header[0].toLowerCase(Locale.ROOT))) {
          request.header(header[0], header[1]);
        }
      }
      if (getContentType() != null) {
        request.setHeader("Content-Type", getContentType());
      }
      if (getContentEncoding() != null) {
        request.setHeader("Content-Encoding", getContentEncoding());
      }
      request.method(method, body(getStreamingContent()));
      try {
        return new Response(client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException interrupted = new InterruptedIOException("interrupted");
        interrupted.initCause(e);
        throw interrupted;
      }
    }

    private HttpRequest.BodyPublisher body(StreamingContent content) throws IOException {
      if (content == null) {
        return HttpRequest.BodyPublishers.noBody();
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      content.writeTo(bytes);
      return HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray());
    }
  }

  private static final class Response extends LowLevelHttpResponse {
    private final int status;
    private final byte[] body;
    private final List<String[]> headers = new ArrayList<>();

    Response(HttpResponse<byte[]> response) {
      this.status = response.statusCode();
      this.body = response.body() == null ? new byte[0] : response.body();
      boolean sdkMightRetry = status == 429 || status >= 500;
      for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
        String name = header.getKey();
        if (name.startsWith(":")) {
          continue; // HTTP/2 pseudo-headers
        }
        boolean retryAfter = name.equalsIgnoreCase("Retry-After");
        for (String value : header.getValue()) {
          if (retryAfter && sdkMightRetry) {
            headers.add(new String[] {PROVIDER_RETRY_AFTER, value});
          } else {
            headers.add(new String[] {name, value});
          }
        }
      }
      if (sdkMightRetry) {
        headers.add(new String[] {"Retry-After", DECLINE_RETRY_AFTER});
      }
    }

    @Override
    public InputStream getContent() {
      return new ByteArrayInputStream(body);
    }

    @Override
    public String getContentEncoding() {
      return header("Content-Encoding");
    }

    @Override
    public long getContentLength() {
      return body.length;
    }

    @Override
    public String getContentType() {
      return header("Content-Type");
    }

    @Override
    public String getStatusLine() {
      return "HTTP/1.1 " + status;
    }

    @Override
    public int getStatusCode() {
      return status;
    }

    @Override
    public String getReasonPhrase() {
      return null; // HTTP/2 has none, and the JDK client does not expose HTTP/1.1's
    }

    @Override
    public int getHeaderCount() {
      return headers.size();
    }

    @Override
    public String getHeaderName(int index) {
      return headers.get(index)[0];
    }

    @Override
    public String getHeaderValue(int index) {
      return headers.get(index)[1];
    }

    private String header(String name) {
      for (String[] header : headers) {
        if (header[0].equalsIgnoreCase(name)) {
          return header[1];
        }
      }
      return null;
    }
  }
}
