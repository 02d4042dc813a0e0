package io.kilowatch.consent.archfixture.domain;

import io.micronaut.http.HttpStatus;

/**
 * A deliberate violation of the domain rule (a framework type in domain code), so that {@code
 * DependencyRulesTest} proves the rule can fail.
 */
public class LeakyDomainObject {
  public HttpStatus status() {
    return HttpStatus.OK;
  }
}
