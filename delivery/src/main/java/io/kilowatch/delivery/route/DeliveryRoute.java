package io.kilowatch.delivery.route;

import io.kilowatch.delivery.application.DeliverySteps;
import io.kilowatch.delivery.domain.DeliveryJob;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;

/**
 * From a requested notification to a provider call and its record:
 *
 * <pre>
 * accept → [open] plan → [open] deliver (per planned channel: dedupe → render → send) → record
 * </pre>
 *
 * A step that settles the job (suppressed, duplicate, failed) closes it and the remaining steps
 * before {@code record} are skipped. Errors are not handled here: they return to the caller, the
 * event consumer, which retries with backoff and dead-letters with the reason.
 */
@Singleton
class DeliveryRoute extends RouteBuilder {
  static final String ENDPOINT = "direct:deliver-notification";

  private static final Predicate OPEN = e -> job(e).isOpen();

  private final DeliverySteps steps;

  DeliveryRoute(DeliverySteps steps) {
    this.steps = steps;
  }

  @Override
  public void configure() {
    errorHandler(noErrorHandler());

    from(ENDPOINT)
        .routeId("deliver-notification")
        .process(e -> steps.accept(job(e)))
        .filter(OPEN)
        .process(e -> steps.plan(job(e)))
        .end()
        .filter(OPEN)
        .process(e -> steps.deliver(job(e)))
        .end()
        .process(e -> steps.record(job(e)));
  }

  private static DeliveryJob job(Exchange exchange) {
    return exchange.getIn().getBody(DeliveryJob.class);
  }
}
