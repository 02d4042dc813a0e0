package io.kilowatch.platform.web;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;

/** A resource that does not exist, or that the caller may not know exists. Rendered as 404. */
public class NotFoundException extends HttpStatusException {
  public NotFoundException(String what) {
    super(HttpStatus.NOT_FOUND, what + " not found");
  }
}
