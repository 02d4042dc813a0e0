package io.kilowatch.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.generator.JwtTokenGenerator;
import java.util.List;
import java.util.Map;

/** Signs bearer tokens with the test context's own secret. */
public final class TestTokens {
  private final JwtTokenGenerator generator;

  public TestTokens(ApplicationContext context) {
    this.generator = context.getBean(JwtTokenGenerator.class);
  }

  /** A customer's token: subject is the customer id, role {@code customer}. */
  public String customer(String customerId) {
    return token(customerId, "customer");
  }

  /** A token for {@code subject} with the given roles. */
  public String token(String subject, String... roles) {
    return generator
        .generateToken(Authentication.build(subject, List.of(roles), Map.of()), 3600)
        .orElseThrow(() -> new IllegalStateException("token not generated"));
  }
}
