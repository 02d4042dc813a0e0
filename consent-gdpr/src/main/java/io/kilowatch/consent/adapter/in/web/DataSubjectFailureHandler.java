package io.kilowatch.consent.adapter.in.web;

import io.kilowatch.consent.application.DataSubjectRequestFailedException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A module failed during an export or erasure: 500 problem+json naming the module (the cause is
 * logged, not shown). Nothing the request did in the database is kept; an erased person stays
 * suppressed; the request may be repeated.
 */
@Singleton
class DataSubjectFailureHandler
    implements ExceptionHandler<DataSubjectRequestFailedException, HttpResponse<?>> {
  private static final Logger LOG = LoggerFactory.getLogger(DataSubjectFailureHandler.class);

  private final ErrorResponseProcessor<?> problems;

  DataSubjectFailureHandler(ErrorResponseProcessor<?> problems) {
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, DataSubjectRequestFailedException e) {
    LOG.error("data-subject request {} failed", request.getPath(), e);
    String message =
        "failed in module "
            + e.module()
            + "; no data was changed by this request (an erased person stays suppressed);"
            + " it can be repeated";
    var context =
        ErrorContext.builder(request)
            .cause(e)
            .error(
                new Error() {
                  @Override
                  public String getMessage() {
                    return message;
                  }

                  @Override
                  public Optional<String> getPath() {
                    return Optional.of("module");
                  }
                });
    return problems.processResponse(
        context.build(), HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR));
  }
}
