package io.kilowatch.app.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker's own capacity for the product's message pattern: one publisher thread publishing
 * persistent 1 KB messages in confirm batches (publish a batch, wait for its confirms) and one
 * consumer with manual acknowledgements, each on its own connection, through a fresh, uniquely
 * named durable queue that is deleted afterwards. The figure is the consumer's acknowledged
 * messages per second after a warm-up (what a pipeline through this broker can complete).
 */
final class BrokerBaseline {
  private static final int BODY_BYTES = 1024;
  private static final int PREFETCH = 200;

  /** The publisher pauses while the queue holds more than this, so the test measures flow. */
  private static final long MAX_BACKLOG = 50_000;

  record Result(
      double consumedPerSecond,
      double publishedPerSecond,
      String queueType,
      String queue,
      boolean rabbitMq,
      Map<String, Double> cores) {}

  private BrokerBaseline() {}

  static Result run(
      String uri, Duration warmup, Duration measure, int confirmBatch, String queueType)
      throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(uri);
    factory.setAutomaticRecoveryEnabled(false);
    String queue = "kwbench.baseline." + UUID.randomUUID();
    try (Connection pubConnection = factory.newConnection("kwbench-baseline-publisher");
        Connection subConnection = factory.newConnection("kwbench-baseline-consumer")) {
      Object product = pubConnection.getServerProperties().get("product");
      boolean rabbitMq = product != null && product.toString().contains("RabbitMQ");
      String type = rabbitMq ? queueType : "classic";
      Channel admin = pubConnection.createChannel();
      Map<String, Object> args = new HashMap<>();
      if (rabbitMq && !"classic".equals(type)) {
        args.put("x-queue-type", type);
      }
      admin.queueDeclare(queue, true, false, false, args);
      try {
        AtomicLong consumed = new AtomicLong();
        AtomicLong published = new AtomicLong();
        Channel sub = subConnection.createChannel();
        sub.basicQos(PREFETCH);
        sub.basicConsume(
            queue,
            false,
            new DefaultConsumer(sub) {
              @Override
              public void handleDelivery(
                  String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                  throws IOException {
                getChannel().basicAck(envelope.getDeliveryTag(), false);
                consumed.incrementAndGet();
              }
            });
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong publisherError = new AtomicLong();
        Thread publisher =
            new Thread(
                () ->
                    publish(
                        pubConnection,
                        queue,
                        confirmBatch,
                        running,
                        published,
                        consumed,
                        publisherError),
                "kwbench-baseline-publisher");
        publisher.setDaemon(true);
        publisher.start();

        Thread.sleep(warmup.toMillis());
        ProcCpu.Snapshot cpu0 = ProcCpu.take();
        long c0 = consumed.get();
        long p0 = published.get();
        long t0 = System.nanoTime();
        Thread.sleep(measure.toMillis());
        long c1 = consumed.get();
        long p1 = published.get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> cores = ProcCpu.coresBetween(cpu0, ProcCpu.take());
        running.set(false);
        publisher.join(TimeUnit.SECONDS.toMillis(35));
        if (publisherError.get() > 0) {
          Out.note("baseline publisher had %d errors", publisherError.get());
        }
        sub.close();
        return new Result((c1 - c0) / seconds, (p1 - p0) / seconds, type, queue, rabbitMq, cores);
      } finally {
        admin.queueDelete(queue);
        admin.close();
      }
    }
  }

  private static void publish(
      Connection connection,
      String queue,
      int batch,
      AtomicBoolean running,
      AtomicLong published,
      AtomicLong consumed,
      AtomicLong errors) {
    byte[] body = new byte[BODY_BYTES];
    new Random(42).nextBytes(body);
    try (Channel ch = connection.createChannel()) {
      ch.confirmSelect();
      while (running.get()) {
        if (published.get() - consumed.get() > MAX_BACKLOG) {
          Thread.onSpinWait();
          Thread.sleep(1);
          continue;
        }
        for (int i = 0; i < batch; i++) {
          ch.basicPublish("", queue, MessageProperties.PERSISTENT_BASIC, body);
        }
        ch.waitForConfirmsOrDie(30_000);
        published.addAndGet(batch);
      }
    } catch (Exception e) {
      errors.incrementAndGet();
      Out.note("baseline publisher stopped: %s", e);
    }
  }
}
