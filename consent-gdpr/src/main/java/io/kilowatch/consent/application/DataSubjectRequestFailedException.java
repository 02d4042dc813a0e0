package io.kilowatch.consent.application;

/**
 * A module failed during an export or erasure; nothing the request did in the database is kept (an
 * erased person stays suppressed). Retrying is safe: contributors are idempotent.
 */
public class DataSubjectRequestFailedException extends RuntimeException {
  private final String module;

  public DataSubjectRequestFailedException(String request, String module, Throwable cause) {
    super(request + " failed in module " + module + ": " + cause.getMessage(), cause);
    this.module = module;
  }

  /** The module that failed. */
  public String module() {
    return module;
  }
}
