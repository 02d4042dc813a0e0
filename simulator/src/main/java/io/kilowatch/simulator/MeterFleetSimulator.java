package io.kilowatch.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a fleet's 15-minute interval readings to Kilowatch's readings API, the way a head-end
 * system does: first it backfills the last 24 hours quickly (as after a communications outage), one
 * interval per tick, then it sends each new interval as it closes.
 *
 * <p>Reading ids are derived from meter and interval, so restarting the simulator resends the same
 * readings, which Kilowatch stores once. Thread-safe; start once, close once.
 */
public final class MeterFleetSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MeterFleetSimulator.class);
  private static final Duration INTERVAL = Duration.ofMinutes(15);

  private final URI readingsUri;
  private final Supplier<String> bearerToken;
  private final List<SimulatedMeter> meters;
  private final LoadProfile profile;
  private final Clock clock;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "meter-simulator");
            t.setDaemon(true);
            return t;
          });
  private final AtomicLong sent = new AtomicLong();
  private Instant next;

  /**
   * @param baseUrl Kilowatch's API base, e.g. {@code http://127.0.0.1:8080}
   * @param bearerToken supplies a token with role {@code ingest}
   */
  public MeterFleetSimulator(
      String baseUrl,
      Supplier<String> bearerToken,
      List<SimulatedMeter> meters,
      LoadProfile profile,
      Clock clock) {
    this.readingsUri = URI.create(baseUrl + "/api/v1/readings");
    this.bearerToken = bearerToken;
    this.meters = List.copyOf(meters);
    this.profile = profile;
    this.clock = clock;
  }

  /** Starts feeding: one backfill interval every {@code tick}, then live. */
  public synchronized void start(Duration tick) {
    Instant now = clock.instant();
    next = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(24)).plus(INTERVAL);
    scheduler.scheduleWithFixedDelay(this::tick, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Readings accepted by Kilowatch so far. */
  public long readingsSent() {
    return sent.get();
  }

  private void tick() {
    Instant intervalEnd;
    synchronized (this) {
      if (next.isAfter(clock.instant())) {
        return; // caught up: wait for the interval to close
      }
      intervalEnd = next;
    }
    try {
      int status = post(intervalEnd);
      if (status / 100 == 2) {
        synchronized (this) {
          next = next.plus(INTERVAL);
        }
        sent.addAndGet(meters.size());
      } else {
        LOG.warn("readings for {} refused with HTTP {}", intervalEnd, status);
      }
    } catch (IOException e) {
      LOG.warn("readings for {} not sent: {}", intervalEnd, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int post(Instant intervalEnd) throws IOException, InterruptedException {
    ArrayNode batch = json.createArrayNode();
    for (SimulatedMeter meter : meters) {
      batch
          .addObject()
          .put("readingId", meter.meterId() + "@" + intervalEnd)
          .put("meterId", meter.meterId())
          .put("timestamp", intervalEnd.toString())
          .put("energyWh", profile.energyWh(meter, intervalEnd));
    }
    HttpRequest request =
        HttpRequest.newBuilder(readingsUri)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + bearerToken.get())
            .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(batch)))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
