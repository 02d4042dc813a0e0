package io.kilowatch.channel.sms;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The Twilio SDK's HTTP client for one account: a pooled Apache HttpClient sized for thousands of
 * sends per second, exactly one attempt per request, and, when a base URL is configured, every
 * request sent there instead of to Twilio's hosts.
 *
 * <p>Thread-safe. The status and {@code Retry-After} of the latest answer are kept per calling
 * thread (see {@link #takeLastAnswer()}) because the SDK's exceptions do not carry response headers
 * and its own {@code getLastResponse()} is one field shared by all threads.
 */
final class TwilioHttpClient extends NetworkHttpClient implements AutoCloseable {

  /** HTTP status and {@code Retry-After} header (or null) of an answer Twilio gave. */
  record Answer(int status, String retryAfter) {}

  private final URI baseUrl;
  private final ThreadLocal<Answer> lastAnswer = new ThreadLocal<>();

  private TwilioHttpClient(URI baseUrl, HttpClientBuilder builder) {
    super(builder);
    this.baseUrl = baseUrl;
  }

  static TwilioHttpClient create(
      URI baseUrl,
      int maxConnections,
      int maxConnectionsPerRoute,
      Duration connectTimeout,
      Duration responseTimeout,
      Duration poolTimeout) {
    Timeout connect = Timeout.of(connectTimeout);
    Timeout response = Timeout.of(responseTimeout);
    var connections =
        PoolingHttpClientConnectionManagerBuilder.create()
            .useSystemProperties()
            .setMaxConnTotal(maxConnections)
            .setMaxConnPerRoute(maxConnectionsPerRoute)
            .setDefaultSocketConfig(
                SocketConfig.custom().setSoTimeout(response).setTcpNoDelay(true).build())
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(connect)
                    .setSocketTimeout(response)
                    // Twilio's edge closes idle keep-alive connections; check before reuse
                    // rather than fail a send on a dead socket.
                    .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                    .build())
            .build();
    RequestConfig requestConfig =
        RequestConfig.custom()
            .setConnectionRequestTimeout(Timeout.of(poolTimeout))
            .setResponseTimeout(response)
            .build();
    HttpClientBuilder builder =
        HttpClientBuilder.create()
            .useSystemProperties()
            .setConnectionManager(connections)
            .setDefaultRequestConfig(requestConfig)
            // One attempt per send: retries are delivery's decision (ChannelSender contract), and
            // a blind retry of a POST could send the SMS twice.
            .disableAutomaticRetries()
            .evictExpiredConnections()
            .evictIdleConnections(TimeValue.ofSeconds(30))
            // NetworkHttpClient#makeRequest pins its own static RequestConfig (10 s pool wait,
            // 30.5 s connect) on every request, which would override ours; put ours back before
            // the request leaves the chain.
            .addExecInterceptorFirst(
                "kilowatch-request-config",
                (request, scope, chain) -> {
                  scope.clientContext.setRequestConfig(requestConfig);
                  return chain.proceed(request, scope);
                });
    return new TwilioHttpClient(baseUrl, builder);
  }

  /**
   * Sends once. The SDK's default retries 5xx answers three times with {@code Thread.sleep} between
   * them; Kilowatch retries with backoff and circuit breaking in delivery instead.
   */
  @Override
  public Response reliableRequest(Request request) {
    return makeRequest(request);
  }

  @Override
  public Response reliableRequest(
      Request request, int[] retryCodes, int retries, long delayMillis) {
    return makeRequest(request);
  }

  @Override
  public Response makeRequest(Request request) {
    Response response = super.makeRequest(baseUrl == null ? request : redirected(request));
    lastAnswer.set(new Answer(response.getStatusCode(), retryAfter(response)));
    return response;
  }

  /** Forgets the answer recorded for this thread; call before a send. */
  void forgetLastAnswer() {
    lastAnswer.remove();
  }

  /** The answer to this thread's latest request, or null if none arrived; and forgets it. */
  Answer takeLastAnswer() {
    Answer answer = lastAnswer.get();
    lastAnswer.remove();
    return answer;
  }

  @Override
  public void close() {
    client.close(CloseMode.GRACEFUL);
  }

  /** The same request with scheme, host and port replaced by the base URL's. */
  private Request redirected(Request original) {
    Request copy = new Request(original.getMethod(), rebase(original.getUrl()));
    copyParams(original.getQueryParams(), copy::addQueryParam);
    copyParams(original.getPostParams(), copy::addPostParam);
    copyParams(original.getHeaderParams(), copy::addHeaderParam);
    if (original.getAuthStrategy() != null) {
      copy.setAuth(original.getAuthStrategy());
    } else if (original.getUsername() != null) {
      copy.setAuth(original.getUsername(), original.getPassword());
    }
    if (original.getContentType() != null) {
      copy.setContentType(original.getContentType());
    }
    if (original.getBody() != null) {
      copy.setBody(original.getBody());
    }
    if (original.getFormParameters() != null) {
      copy.setFormParameters(original.getFormParameters());
    }
    if (original.getUserAgentExtensions() != null) {
      copy.setUserAgentExtensions(original.getUserAgentExtensions());
    }
    // Region and edge are deliberately not copied: they would rewrite the host again.
    return copy;
  }

  private String rebase(String url) {
    URI original = URI.create(url);
    try {
      return new URI(
              baseUrl.getScheme(),
              baseUrl.getRawAuthority(),
              original.getPath(),
              original.getQuery(),
              null)
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot rebase " + url + " onto " + baseUrl, e);
    }
  }

  private static void copyParams(Map<String, List<String>> params, BiConsumer<String, String> add) {
    params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
  }

  private static String retryAfter(Response response) {
    Header[] headers = response.getHeaders();
    if (headers == null) {
      return null;
    }
    for (Header header : headers) {
      if ("Retry-After".equalsIgnoreCase(header.getName())) {
        return header.getValue();
      }
    }
    return null;
  }
}
