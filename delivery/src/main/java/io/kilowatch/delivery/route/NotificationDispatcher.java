package io.kilowatch.delivery.route;

import io.kilowatch.delivery.domain.DeliveryJob;
import io.kilowatch.events.notification.NotificationRequested;
import jakarta.inject.Singleton;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.slf4j.MDC;

/** Runs one notification through the delivery route on the calling thread. Thread-safe. */
@Singleton
public class NotificationDispatcher {
  private final ProducerTemplate producer;

  NotificationDispatcher(ProducerTemplate producer) {
    this.producer = producer;
  }

  /** Delivers and returns the settled job; route failures are rethrown unwrapped. */
  public DeliveryJob dispatch(NotificationRequested request) {
    DeliveryJob job = new DeliveryJob(request, System.nanoTime());
    MDC.put("notificationId", request.notificationId());
    try {
      producer.sendBody(DeliveryRoute.ENDPOINT, job);
      return job;
    } catch (CamelExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    } finally {
      MDC.remove("notificationId");
    }
  }
}
