package io.kilowatch.metering.archfixture.domain;

import io.micronaut.http.HttpStatus;

/** Breaks the domain rule on purpose; see {@code ArchitectureTest}. */
public class FrameworkInDomain {
  public HttpStatus status() {
    return HttpStatus.OK;
  }
}
