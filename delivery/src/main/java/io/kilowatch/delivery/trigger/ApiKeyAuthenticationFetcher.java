package io.kilowatch.delivery.trigger;

import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.platform.security.Roles;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;

/**
 * Authenticates the retailer's systems by API key, given as {@code X-Api-Key: kw_live_…} or {@code
 * Authorization: Bearer kw_live_…}: an active key becomes an {@link Authentication} with role
 * {@link Roles#SYSTEM}, subject {@code api-key:<id>} and attributes {@value #ATTR_KEY_ID}, {@value
 * #ATTR_KEY_NAME} and {@value #ATTR_CATEGORIES} (the key's scope). An unknown or revoked key
 * authenticates nothing, so a {@code @Secured(SYSTEM)} endpoint answers 401.
 *
 * <p>The lookup (one indexed query by the key's SHA-256) runs on the blocking executor, never on
 * the event loop.
 */
@Singleton
class ApiKeyAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {
  static final String HEADER = "X-Api-Key";
  static final String ATTR_KEY_ID = "apiKeyId";
  static final String ATTR_KEY_NAME = "apiKeyName";
  static final String ATTR_CATEGORIES = "categories";

  private static final String BEARER = "Bearer ";

  private final ApiKeys keys;
  private final ExecutorService blocking;

  ApiKeyAuthenticationFetcher(
      ApiKeys keys, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
    this.keys = keys;
    this.blocking = blocking;
  }

  @Override
  public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
    String presented = presentedKey(request);
    if (presented == null) {
      return Publishers.empty();
    }
    // completes empty when the future's value is null: unknown or revoked key
    return Publishers.fromCompletableFuture(
        () ->
            CompletableFuture.supplyAsync(
                () -> keys.authenticate(presented).map(this::authentication).orElse(null),
                blocking));
  }

  private Authentication authentication(ApiKey key) {
    return Authentication.build(
        "api-key:" + key.id(),
        List.of(Roles.SYSTEM),
        Map.of(
            ATTR_KEY_ID,
            key.id(),
            ATTR_KEY_NAME,
            key.name(),
            ATTR_CATEGORIES,
            key.categories().stream().sorted().map(NotificationCategory::wireName).toList()));
  }

  static String presentedKey(HttpRequest<?> request) {
    String header = request.getHeaders().get(HEADER);
    if (header != null && !header.isBlank()) {
      return header.strip();
    }
    String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
    if (authorization != null
        && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
        && authorization.substring(BEARER.length()).strip().startsWith(ApiKeys.KEY_PREFIX)) {
      return authorization.substring(BEARER.length()).strip();
    }
    return null;
  }

  @Override
  public int getOrder() {
    return 0;
  }
}
