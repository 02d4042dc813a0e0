package io.kilowatch.platform.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Optional;

@Singleton
class InvalidInputHandler implements ExceptionHandler<InvalidInputException, HttpResponse<?>> {
  private final ErrorResponseProcessor<?> problems;

  InvalidInputHandler(ErrorResponseProcessor<?> problems) {
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, InvalidInputException exception) {
    var context = ErrorContext.builder(request).cause(exception);
    for (FieldError e : exception.errors()) {
      context.error(
          new Error() {
            @Override
            public String getMessage() {
              return e.message();
            }

            @Override
            public Optional<String> getPath() {
              return Optional.of(e.field());
            }
          });
    }
    return problems.processResponse(context.build(), HttpResponse.status(exception.status()));
  }
}
