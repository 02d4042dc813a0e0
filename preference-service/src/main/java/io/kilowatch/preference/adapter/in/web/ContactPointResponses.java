package io.kilowatch.preference.adapter.in.web;

import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.preference.application.ContactPointService;
import io.kilowatch.preference.application.ContactPointService.Verification;
import io.kilowatch.preference.domain.PendingVerification;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The HTTP answers of the contact point endpoints, shared by customers' and staff's. */
final class ContactPointResponses {
  private ContactPointResponses() {}

  /** 201 with a new point; 200 with the existing one for the same address. */
  static HttpResponse<JsonDocument> added(
      ContactPointService service, ContactPointService.Added added) {
    var body = new JsonDocument(service.document(added.point(), added.pending()));
    return added.created() ? HttpResponse.created(body) : HttpResponse.ok(body);
  }

  static JsonDocument list(ContactPointService service, List<ContactPointService.Listed> points) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "contactPoints",
        points.stream().map(p -> service.document(p.point(), p.pending())).toList());
    return new JsonDocument(body);
  }

  /**
   * 200 with the verified point, else the error for the outcome. The service has already committed
   * the counted attempt.
   */
  static JsonDocument verified(ContactPointService service, Verification result, int maxAttempts) {
    switch (result.outcome()) {
      case VERIFIED:
        return new JsonDocument(service.document(result.point(), null));
      case WRONG_CODE:
        int left = result.pending().attemptsLeft(maxAttempts);
        throw InvalidInputException.of(
            "code",
            left == 0
                ? "is not the code we sent; no attempts left, ask for a new code"
                : "is not the code we sent; "
                    + left
                    + (left == 1 ? " attempt" : " attempts")
                    + " left");
      case EXPIRED:
        throw InvalidInputException.of("code", "has expired; ask for a new code");
      case TOO_MANY_ATTEMPTS:
      default:
        throw new InvalidInputException(
            HttpStatus.TOO_MANY_REQUESTS,
            List.of(new FieldError("code", "too many wrong codes; ask for a new code")));
    }
  }

  /** The body of a code request: {@code {"code":"123456"}}; anything else is a wrong code. */
  static String code(Map<String, Object> body) {
    Object code = body == null ? null : body.get("code");
    if (code == null) {
      throw InvalidInputException.of("code", "is required: the six digits we sent");
    }
    if (!(code instanceof String text)) {
      throw InvalidInputException.of("code", "must be a string of six digits, e.g. \"042137\"");
    }
    return text.strip();
  }

  /** 202 with when the new code expires. */
  static HttpResponse<JsonDocument> codeIssued(PendingVerification pending, int maxAttempts) {
    Map<String, Object> verification = new LinkedHashMap<>();
    verification.put("expiresAt", pending.expiresAt().toString());
    verification.put("attemptsLeft", pending.attemptsLeft(maxAttempts));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("verification", verification);
    return HttpResponse.accepted().body(new JsonDocument(body));
  }
}
