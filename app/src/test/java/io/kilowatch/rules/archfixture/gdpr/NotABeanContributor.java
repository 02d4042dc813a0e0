package io.kilowatch.rules.archfixture.gdpr;

import io.kilowatch.platform.gdpr.DataSubject;
import io.kilowatch.platform.gdpr.PersonalDataContributor;
import java.util.Map;
import java.util.Set;

/** Deliberate violation: implements the SPI but is no bean, so the orchestrator never calls it. */
public class NotABeanContributor implements PersonalDataContributor {
  @Override
  public String module() {
    return "rules";
  }

  @Override
  public Map<String, Set<String>> identifiers(String customerId) {
    return Map.of();
  }

  @Override
  public Map<String, Object> export(DataSubject subject) {
    return Map.of();
  }

  @Override
  public Map<String, Long> erase(DataSubject subject) {
    return Map.of();
  }
}
