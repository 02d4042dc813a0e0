package io.kilowatch.channel.email;

import com.sendgrid.Client;
import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import com.sendgrid.helpers.mail.Mail;
import com.sendgrid.helpers.mail.objects.Content;
import com.sendgrid.helpers.mail.objects.Email;
import com.sendgrid.helpers.mail.objects.Personalization;
import io.kilowatch.channel.Channel;
import io.kilowatch.channel.ChannelSender;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.channel.SendResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.config.SocketConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Sends email through one SendGrid account with the SendGrid Java SDK (v3 {@code POST
 * /v3/mail/send}), once per {@link #send}, and classifies the answer (see {@link SendGridAnswers}).
 * Never throws for SendGrid's answer or a network failure.
 *
 * <p>Mapping of an {@link OutboundMessage}: {@code recipient} → the one {@code to}; {@code subject}
 * → subject; {@code body} → the {@code text/plain} part; metadata {@code html} → the {@code
 * text/html} part; metadata {@code category} → one SendGrid category; metadata {@code
 * unsubscribeUrl} (else the profile's {@code unsubscribe-url-template}) → {@code List-Unsubscribe:
 * <url>} with {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058); the
 * notification id → custom arg {@value #NOTIFICATION_ID_ARG}, which SendGrid echoes in every event.
 *
 * <p>Each sender owns its SDK client and connection pool, built from the settings at construction,
 * so that a primary and a backup account live side by side. The SDK's {@code api()} call is used,
 * which never retries (its {@code attempt()} would retry 429s with sleeps), and the HTTP client has
 * automatic retries off. Thread-safe; {@link #close()} releases the pool.
 */
public final class SendGridEmailSender implements ChannelSender, AutoCloseable {
  /** Custom arg carrying Kilowatch's notification id; SendGrid echoes it in every event. */
  public static final String NOTIFICATION_ID_ARG = "notificationId";

  /** Metadata key of the HTML part. */
  public static final String HTML = "html";

  /** Metadata key of the one-click unsubscribe URL. */
  public static final String UNSUBSCRIBE_URL = "unsubscribeUrl";

  /** Metadata key of the SendGrid category (for SendGrid's statistics). */
  public static final String CATEGORY = "category";

  /** MDC key under which every log line of a send carries Kilowatch's notification id. */
  public static final String MDC_NOTIFICATION_ID = "notificationId";

  static final String INVALID_MESSAGE = "invalid-message";

  private static final Logger LOG = LoggerFactory.getLogger(SendGridEmailSender.class);
  // A header value must not be able to end the header or smuggle another in.
  private static final Pattern SAFE_HEADER_URL = Pattern.compile("^[^\\s<>\\p{Cntrl}]+$");

  private final String provider;
  private final Email from;
  private final String unsubscribeUrlTemplate;
  private final CloseableHttpClient httpClient;
  private final SendGrid sendGrid;
  private final SendGridAnswers answers;

  /**
   * Builds a sender and its connection pool.
   *
   * @throws IllegalArgumentException if the API key or sender address is missing, or a URL is
   *     malformed
   */
  public SendGridEmailSender(SendGridAccountSettings settings) {
    this(settings, Clock.systemUTC());
  }

  /** As {@link #SendGridEmailSender(SendGridAccountSettings)}; {@code clock} dates Retry-After. */
  SendGridEmailSender(SendGridAccountSettings settings, Clock clock) {
    Objects.requireNonNull(settings, "settings");
    String apiKey = required(settings, settings.getApiKey(), "api-key");
    this.provider = required(settings, settings.getProvider(), "provider");
    String fromEmail = required(settings, settings.getFromEmail(), "from-email");
    String fromName = blankToNull(settings.getFromName());
    this.from = fromName == null ? new Email(fromEmail) : new Email(fromEmail, fromName);
    this.unsubscribeUrlTemplate = blankToNull(settings.getUnsubscribeUrlTemplate());
    if (unsubscribeUrlTemplate != null && unsubscribeUrl(unsubscribeUrlTemplate, "ntf-1") == null) {
      throw new IllegalArgumentException(
          settings.prefix() + ".unsubscribe-url-template is not a URL: " + unsubscribeUrlTemplate);
    }
    URI baseUrl = baseUrl(settings);
    this.httpClient = httpClient(settings);
    boolean plainHttp = baseUrl != null && "http".equals(baseUrl.getScheme());
    this.sendGrid = new SendGrid(apiKey, new Client(httpClient, plainHttp));
    if (baseUrl != null) {
      // The SDK builds scheme://host/v3/...; its "host" may carry a port.
      sendGrid.setHost(baseUrl.getRawAuthority());
    }
    this.answers = new SendGridAnswers(provider, clock);
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public String provider() {
    return provider;
  }

  /**
   * Sends one email.
   *
   * @throws IllegalArgumentException if the message is not for the email channel (a caller's bug,
   *     not a provider answer)
   */
  @Override
  public SendResult send(OutboundMessage message) {
    if (message.channel() != Channel.EMAIL) {
      throw new IllegalArgumentException("not an email: " + message.channel());
    }
    String previous = MDC.get(MDC_NOTIFICATION_ID);
    MDC.put(MDC_NOTIFICATION_ID, message.notificationId());
    try {
      return sendOnce(message);
    } finally {
      // Restore rather than remove: the caller may have set the key for its own log lines.
      if (previous == null) {
        MDC.remove(MDC_NOTIFICATION_ID);
      } else {
        MDC.put(MDC_NOTIFICATION_ID, previous);
      }
    }
  }

  private SendResult sendOnce(OutboundMessage message) {
    String requested = blankToNull(message.metadata().get(UNSUBSCRIBE_URL));
    String unsubscribeUrl = null;
    if (requested != null) {
      unsubscribeUrl = usableUrl(requested);
      if (unsubscribeUrl == null) {
        // Sending without the unsubscribe header that was asked for would break the sender's
        // obligations (RFC 8058, bulk sender rules); this message can never go out as it is.
        LOG.warn("Email not sent: unusable unsubscribe URL");
        return new SendResult.PermanentFailure(
            provider, INVALID_MESSAGE, "unsubscribeUrl is not an absolute URL usable in a header");
      }
    } else if (unsubscribeUrlTemplate != null) {
      unsubscribeUrl = unsubscribeUrl(unsubscribeUrlTemplate, message.notificationId());
    }
    Request request = new Request();
    request.setMethod(Method.POST);
    request.setEndpoint("mail/send");
    try {
      request.setBody(mail(message, unsubscribeUrl).build());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise a SendGrid mail", e);
    }
    Response response;
    try {
      response = sendGrid.api(request);
    } catch (IOException e) {
      SendResult result = answers.noAnswer(e);
      log(result, e);
      return result;
    }
    SendResult result = answers.answer(response);
    if (result instanceof SendResult.Accepted accepted) {
      LOG.debug("SendGrid accepted email as {}", accepted.providerMessageId());
    } else {
      log(result, null);
    }
    return result;
  }

  private Mail mail(OutboundMessage message, String unsubscribeUrl) {
    Mail mail = new Mail();
    mail.setFrom(from);
    mail.setSubject(message.subject());
    Personalization personalization = new Personalization();
    personalization.addTo(new Email(message.recipient()));
    mail.addPersonalization(personalization);
    // SendGrid requires text/plain before text/html.
    mail.addContent(new Content("text/plain", message.body()));
    String html = message.metadata().get(HTML);
    if (html != null && !html.isBlank()) {
      mail.addContent(new Content("text/html", html));
    }
    mail.addCustomArg(NOTIFICATION_ID_ARG, message.notificationId());
    String category = message.metadata().get(CATEGORY);
    if (category != null && !category.isBlank()) {
      mail.addCategory(category);
    }
    if (unsubscribeUrl != null) {
      mail.addHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
      mail.addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    return mail;
  }

  /** The template with the notification id filled in, or null if that is no usable URL. */
  private static String unsubscribeUrl(String template, String notificationId) {
    // %20 rather than URLEncoder's "+": the id may land in a path, where "+" is no space.
    String encoded = URLEncoder.encode(notificationId, StandardCharsets.UTF_8).replace("+", "%20");
    return usableUrl(template.replace("{notificationId}", encoded));
  }

  /** The URL if it is absolute and cannot break out of a header value, else null. */
  private static String usableUrl(String url) {
    if (!SAFE_HEADER_URL.matcher(url).matches()) {
      return null;
    }
    try {
      URI uri = URI.create(url);
      return uri.getScheme() == null || uri.getHost() == null ? null : url;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private void log(SendResult result, IOException error) {
    if (result instanceof SendResult.PermanentFailure p) {
      if (SendGridAnswers.AUTH.equals(p.errorCode())) {
        LOG.error("SendGrid ({}) rejected our API key: {}", provider, p.message());
      } else {
        LOG.info("SendGrid refused email permanently: {} {}", p.errorCode(), p.message());
      }
    } else if (result instanceof SendResult.RetryableFailure r) {
      // The stack trace only at debug: under an outage this line repeats thousands of times.
      LOG.warn(
          "SendGrid send failed, retryable: {} {} (retry after {})",
          r.errorCode(),
          r.message(),
          r.retryAfter(),
          LOG.isDebugEnabled() ? error : null);
    }
  }

  /** Closes the connection pool; sends after this fail. */
  @Override
  public void close() {
    try {
      httpClient.close();
    } catch (IOException e) {
      LOG.debug("Closing the SendGrid connection pool failed", e);
    }
  }

  private static CloseableHttpClient httpClient(SendGridAccountSettings settings) {
    int connect = millis(settings.getConnectTimeout(), settings, "connect-timeout");
    int response = millis(settings.getResponseTimeout(), settings, "response-timeout");
    int pool = millis(settings.getPoolTimeout(), settings, "pool-timeout");
    PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager();
    connections.setMaxTotal(settings.getMaxConnections());
    connections.setDefaultMaxPerRoute(settings.getMaxConnectionsPerRoute());
    connections.setDefaultSocketConfig(
        SocketConfig.custom().setSoTimeout(response).setTcpNoDelay(true).build());
    // SendGrid's edge closes idle keep-alive connections; check before reuse rather than fail a
    // send on a dead socket.
    connections.setValidateAfterInactivity(2_000);
    return HttpClients.custom()
        .useSystemProperties()
        .setConnectionManager(connections)
        .setDefaultRequestConfig(
            RequestConfig.custom()
                .setConnectTimeout(connect)
                .setSocketTimeout(response)
                .setConnectionRequestTimeout(pool)
                .build())
        // One attempt per send: retries are delivery's decision (ChannelSender contract), and a
        // blind retry of a POST could send the email twice.
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .evictExpiredConnections()
        .evictIdleConnections(30, TimeUnit.SECONDS)
        .build();
  }

  /** Scheme, host and port only: the SDK adds {@code /v3/...}, so a path here would be lost. */
  private static URI baseUrl(SendGridAccountSettings settings) {
    String value = blankToNull(settings.getBaseUrl());
    if (value == null) {
      return null;
    }
    String problem = settings.prefix() + ".base-url must be http(s)://host[:port]: ";
    URI uri;
    try {
      uri = URI.create(value.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(problem + value, e);
    }
    boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
    String path = uri.getPath();
    if (!http
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || (path != null && !path.isEmpty() && !path.equals("/"))) {
      throw new IllegalArgumentException(problem + value);
    }
    return uri;
  }

  private static int millis(Duration duration, SendGridAccountSettings settings, String name) {
    if (duration == null || duration.isNegative() || duration.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          settings.prefix() + "." + name + " must be between 0 and 24 days: " + duration);
    }
    return (int) duration.toMillis();
  }

  private static String required(SendGridAccountSettings settings, String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(settings.prefix() + "." + name + " is required");
    }
    return value;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
