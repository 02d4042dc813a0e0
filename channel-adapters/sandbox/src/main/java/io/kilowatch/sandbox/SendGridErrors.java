package io.kilowatch.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SendGrid's v3 error messages and the JSON shape SendGrid answers errors in. */
final class SendGridErrors {
  static final String HELP_PERSONALIZATIONS =
      "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.personalizations";
  static final String HELP_FROM =
      "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.from";
  static final String HELP_SUBJECT =
      "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.subject";
  static final String HELP_CONTENT =
      "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.content";
  static final String HELP_CATEGORIES =
      "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.categories";
  static final String HELP_CUSTOM_ARGS =
      "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.custom_args";
  static final String HELP_HEADERS =
      "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.headers";

  static final String UNAUTHORIZED =
      "The provided authorization grant is invalid, expired, or revoked";
  static final String TOO_MANY_REQUESTS = "too many requests";
  static final String INTERNAL = "Internal Server Error";
  static final String UNAVAILABLE = "Service Unavailable";
  static final String NOT_JSON = "Bad Request";
  static final String TOO_LARGE =
      "The JSON payload you have included in your request is too large. Please limit your"
          + " request to 30MB.";
  static final String NO_PERSONALIZATIONS =
      "The personalizations field is required and must have at least one personalization.";
  static final String NO_TO =
      "The to array is required for all personalization objects, and must have at least one"
          + " email object with a valid email address.";
  static final String INVALID_ADDRESS = "Does not contain a valid address.";
  static final String NO_FROM =
      "The from object must be provided for every email send. It is an object that requires the"
          + " email parameter, but may also contain a name parameter.  e.g. {\"email\" :"
          + " \"example@example.com\"}  or {\"email\" : \"example@example.com\", \"name\" :"
          + " \"Example Recipient\"}";
  static final String INVALID_FROM = "The from email does not contain a valid address.";
  static final String NO_SUBJECT =
      "The subject is required. You can get around this requirement if you use a template with a"
          + " subject defined or if every personalization has a subject defined.";
  static final String NO_CONTENT =
      "Unless a valid template_id is provided, the content parameter is required. There must be at"
          + " least one defined content block. We typically suggest both text/plain and text/html"
          + " blocks are included, but only one block is required.";
  static final String CONTENT_VALUE =
      "The content value must be a string at least one character in length.";
  static final String CONTENT_TYPE = "The content type must be a string at least one character.";
  static final String CONTENT_ORDER =
      "If present, text/plain and text/html may only be provided once, and text/plain must come"
          + " before text/html.";
  static final String CATEGORIES_TOO_MANY =
      "The categories parameter may not have more than 10 categories.";
  static final String CATEGORY_TOO_LONG = "A category cannot have more than 255 characters.";
  static final String CUSTOM_ARGS_STRINGS =
      "Invalid type. Expected: string, given: %s. All custom_args values must be strings.";
  static final String HEADERS_STRINGS =
      "Invalid type. Expected: string, given: %s. All headers values must be strings.";

  /** One entry of SendGrid's {@code errors} array; {@code field} and {@code help} may be null. */
  record Error(String message, String field, String help) {
    static Error of(String message) {
      return new Error(message, null, null);
    }
  }

  private SendGridErrors() {}

  /** {@code {"errors":[{"message":..,"field":..,"help":..}]}} as SendGrid sends it. */
  static Reply reply(ObjectMapper json, int status, List<Error> errors) {
    List<Map<String, Object>> entries =
        errors.stream()
            .map(
                e -> {
                  Map<String, Object> entry = new LinkedHashMap<>();
                  entry.put("message", e.message());
                  entry.put("field", e.field());
                  entry.put("help", e.help());
                  return entry;
                })
            .toList();
    try {
      return Reply.json(status, json.writeValueAsString(Map.of("errors", entries)));
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  static Reply reply(ObjectMapper json, int status, Error error) {
    return reply(json, status, List.of(error));
  }
}
