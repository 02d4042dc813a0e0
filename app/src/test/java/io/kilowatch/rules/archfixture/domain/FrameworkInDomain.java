package io.kilowatch.rules.archfixture.domain;

import io.micronaut.context.annotation.Value;

/** A deliberate violation: domain code using a framework annotation. */
public class FrameworkInDomain {
  @Value("${x:1}")
  int x;
}
