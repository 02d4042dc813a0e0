package io.kilowatch.delivery.route;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/** The Camel context of this instance, holding every route bean, started when first needed. */
@Factory
class CamelFactory {
  @Singleton
  @Bean(preDestroy = "close")
  CamelContext camelContext(List<RoutesBuilder> routes) throws Exception {
    DefaultCamelContext camel = new DefaultCamelContext();
    camel.getCamelContextExtension().setName("kilowatch");
    camel.getShutdownStrategy().setTimeout(10);
    for (RoutesBuilder route : routes) {
      camel.addRoutes(route);
    }
    camel.start();
    return camel;
  }

  @Singleton
  @Bean(preDestroy = "close")
  ProducerTemplate producerTemplate(CamelContext camel) {
    return camel.createProducerTemplate();
  }
}
