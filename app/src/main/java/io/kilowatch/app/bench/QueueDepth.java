package io.kilowatch.app.bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the ready messages of one queue once a second (passive declare on its own connection), to
 * tell a starved consumer (queue empty: the supply is the limit) from a saturated one.
 */
final class QueueDepth implements AutoCloseable {
  private final AtomicLong sum = new AtomicLong();
  private final AtomicLong samples = new AtomicLong();
  private final AtomicLong min = new AtomicLong(Long.MAX_VALUE);
  private final Thread thread;
  private volatile boolean running = true;

  QueueDepth(String uri, String queue) {
    thread =
        new Thread(
            () -> {
              try {
                ConnectionFactory f = new ConnectionFactory();
                f.setUri(uri);
                try (Connection c = f.newConnection("kwbench-queue-depth");
                    Channel ch = c.createChannel()) {
                  while (running) {
                    long ready = ch.queueDeclarePassive(queue).getMessageCount();
                    sum.addAndGet(ready);
                    samples.incrementAndGet();
                    min.accumulateAndGet(ready, Math::min);
                    Thread.sleep(1000);
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (Exception e) {
                Out.note("queue depth sampling stopped: %s", e);
              }
            },
            "kwbench-queue-depth");
    thread.setDaemon(true);
    thread.start();
  }

  double averageReady() {
    return samples.get() == 0 ? Double.NaN : (double) sum.get() / samples.get();
  }

  long minReady() {
    return samples.get() == 0 ? -1 : min.get();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5000);
  }
}
