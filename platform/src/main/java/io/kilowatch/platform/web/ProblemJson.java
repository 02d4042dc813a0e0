package io.kilowatch.platform.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HateoasErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders every HTTP error, ours and the framework's (415, 404, 401, malformed JSON), as RFC 9457
 * {@code application/problem+json}: {@code type}, {@code title}, {@code status}, {@code detail},
 * and {@code errors} with the {@code field} each message is about.
 */
@Singleton
@Replaces(HateoasErrorResponseProcessor.class)
public class ProblemJson implements ErrorResponseProcessor<Map<String, Object>> {
  public static final String MEDIA_TYPE = "application/problem+json";

  @Override
  public MutableHttpResponse<Map<String, Object>> processResponse(
      ErrorContext context, MutableHttpResponse<?> response) {
    HttpStatus status = response.getStatus();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", status.getReason());
    body.put("status", status.getCode());
    List<Map<String, String>> errors = new ArrayList<>();
    for (Error error : context.getErrors()) {
      Map<String, String> entry = new LinkedHashMap<>();
      error.getPath().ifPresent(path -> entry.put("field", path));
      entry.put("message", error.getMessage());
      errors.add(entry);
    }
    if (!errors.isEmpty()) {
      body.put("detail", summary(context.getErrors()));
      body.put("errors", errors);
    }
    return response.body(body).contentType(MEDIA_TYPE);
  }

  private static String summary(List<Error> errors) {
    Error first = errors.get(0);
    String prefix = first.getPath().map(p -> p + ": ").orElse("");
    return prefix + first.getMessage() + (errors.size() > 1 ? " (and more)" : "");
  }
}
