package io.kilowatch.sandbox;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the webhooks of the sandbox's Twilio (status callbacks, inbound SMS) the way Twilio does: a
 * form-encoded POST signed with {@code X-Twilio-Signature} by the account's auth token, with
 * Twilio's {@code User-Agent} and {@code I-Twilio-Idempotency-Token}, one attempt, 15 s timeout.
 * Records each webhook with the answer it got (the last {@code capacity}, oldest dropped).
 *
 * <p>Thread-safe. Its threads (a scheduler and the HTTP client's executor) are daemons, created on
 * first use and stopped by {@link #close()}; webhooks not yet sent are dropped then.
 */
final class TwilioWebhooks implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TwilioWebhooks.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final Map<String, String> accounts;
  private final Clock clock;
  private final int capacity;
  private final Deque<TwilioCallback> sent = new ArrayDeque<>(); // guarded by itself
  private final String threadPrefix =
      "provider-sandbox-twilio-webhooks-" + INSTANCES.incrementAndGet();

  // Guarded by this; created lazily so that sandboxes that never call back start no threads.
  private ScheduledExecutorService scheduler;
  private ExecutorService httpExecutor;
  private HttpClient http;
  private boolean closed;

  TwilioWebhooks(Map<String, String> accounts, Clock clock, int capacity) {
    // in configuration order: the first account owns the numbers of an unattributed inbound SMS
    this.accounts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(accounts));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.capacity = capacity;
  }

  /** The accounts whose auth tokens sign webhooks, in configuration order. */
  Map<String, String> accounts() {
    return accounts;
  }

  /** Runs {@code task} after {@code delay}; silently dropped once closed. */
  void schedule(Runnable task, Duration delay) {
    ScheduledExecutorService timer;
    synchronized (this) {
      if (closed) {
        return;
      }
      start();
      timer = scheduler;
    }
    try {
      timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      // close() raced us; nothing is sent after close.
    }
  }

  /**
   * Signs and POSTs one webhook; the future completes with the recorded webhook once the answer (or
   * the failure to get one) is in. Never completes exceptionally for network failures.
   */
  CompletableFuture<TwilioCallback> post(
      TwilioCallback.Kind kind,
      String accountSid,
      String messageSid,
      String url,
      Map<String, String> params) {
    String token = accounts.get(accountSid);
    if (token == null) {
      throw new IllegalArgumentException("unknown Twilio account " + accountSid);
    }
    String signature = TwilioSignature.sign(token, url, params);
    Instant sentAt = clock.instant();
    HttpClient client;
    synchronized (this) {
      if (closed) {
        return CompletableFuture.completedFuture(
            record(kind, accountSid, messageSid, url, params, signature, sentAt, 0, "", "closed"));
      }
      start();
      client = http;
    }
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(TIMEOUT)
              .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
              .header("X-Twilio-Signature", signature)
              .header("User-Agent", "TwilioProxy/1.1")
              .header("I-Twilio-Idempotency-Token", UUID.randomUUID().toString())
              .header("Accept", "*/*")
              .POST(HttpRequest.BodyPublishers.ofString(form(params)))
              .build();
    } catch (IllegalArgumentException badUrl) {
      return CompletableFuture.completedFuture(
          record(kind, accountSid, messageSid, url, params, signature, sentAt, 0, "", "bad URL"));
    }
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .handle(
            (response, failure) -> {
              if (failure != null) {
                LOG.debug("Twilio {} webhook to {} got no answer", kind, url, failure);
                return record(
                    kind,
                    accountSid,
                    messageSid,
                    url,
                    params,
                    signature,
                    sentAt,
                    0,
                    "",
                    String.valueOf(rootCause(failure)));
              }
              return record(
                  kind,
                  accountSid,
                  messageSid,
                  url,
                  params,
                  signature,
                  sentAt,
                  response.statusCode(),
                  response.body(),
                  null);
            });
  }

  List<TwilioCallback> sent() {
    synchronized (sent) {
      return List.copyOf(sent);
    }
  }

  void clear() {
    synchronized (sent) {
      sent.clear();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (scheduler != null) {
      scheduler.shutdownNow();
      httpExecutor.shutdownNow();
    }
  }

  private TwilioCallback record(
      TwilioCallback.Kind kind,
      String accountSid,
      String messageSid,
      String url,
      Map<String, String> params,
      String signature,
      Instant sentAt,
      int status,
      String body,
      String error) {
    TwilioCallback callback =
        new TwilioCallback(
            kind, accountSid, messageSid, url, params, signature, sentAt, status, body, error);
    synchronized (sent) {
      if (capacity > 0) {
        if (sent.size() == capacity) {
          sent.removeFirst();
        }
        sent.addLast(callback);
      }
    }
    return callback;
  }

  private void start() {
    // Caller holds the lock.
    if (scheduler == null) {
      scheduler = Executors.newSingleThreadScheduledExecutor(daemons(threadPrefix + "-timer-"));
      httpExecutor = Executors.newCachedThreadPool(daemons(threadPrefix + "-http-"));
      http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(TIMEOUT)
              .followRedirects(HttpClient.Redirect.NEVER)
              .executor(httpExecutor)
              .build();
    }
  }

  private static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
