package io.kilowatch.metering.adapter.in.web;

import io.kilowatch.metering.application.IngestReadings;
import io.kilowatch.metering.application.IngestResult;
import io.kilowatch.metering.application.InvalidReadingsException;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.util.List;

/**
 * {@code POST /api/v1/readings}: a batch of interval readings from a head-end system. The body is
 * taken as raw bytes so that every error can name the exact field, e.g. {@code [3].energyWh}.
 *
 * <p>The route accepts every content type and checks it itself: a route that does not match the
 * content type counts as "no route" for Micronaut Security ({@code reject-not-found}), which would
 * answer 401/403 instead of 415. Checking here keeps 401/403 for callers without the role and gives
 * the others a 415 problem that says what to send.
 */
@Controller("/api/v1/readings")
class ReadingsController {
  private final IngestReadings ingest;
  private final ReadingBatchParser parser;

  ReadingsController(IngestReadings ingest) {
    this.ingest = ingest;
    this.parser = new ReadingBatchParser(ingest.maxBatchSize());
  }

  /**
   * Stores the new readings of the batch, all or nothing.
   *
   * @return 202 with {@code {accepted, duplicates}}; 400 naming every bad field; 413 when over the
   *     batch limit; nothing is stored on an error
   */
  @Post
  @Secured(Roles.INGEST)
  @Consumes(MediaType.ALL)
  @Produces(MediaType.APPLICATION_JSON)
  @ExecuteOn(TaskExecutors.BLOCKING)
  HttpResponse<IngestResult> submit(HttpRequest<?> request, @Nullable @Body byte[] body) {
    requireJson(request);
    var items = parser.parse(body);
    try {
      return HttpResponse.accepted().body(ingest.ingest(items));
    } catch (InvalidReadingsException e) {
      throw new InvalidInputException(
          e.violations().stream().map(v -> new FieldError(v.field(), v.message())).toList());
    }
  }

  private static void requireJson(HttpRequest<?> request) {
    boolean json =
        request
            .getContentType()
            .map(type -> type.getName().equalsIgnoreCase(MediaType.APPLICATION_JSON))
            .orElse(false);
    if (!json) {
      throw new InvalidInputException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          List.of(
              new FieldError(
                  "Content-Type",
                  "must be application/json, was "
                      + request.getContentType().map(MediaType::toString).orElse("missing"))));
    }
  }
}
