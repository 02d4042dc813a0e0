package io.kilowatch.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FCM HTTP v1 error codes and the shape Google APIs answer errors in:
 *
 * <pre>{@code
 * {"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND",
 *   "details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError",
 *               "errorCode":"UNREGISTERED"}]}}
 * }</pre>
 *
 * See https://firebase.google.com/docs/reference/fcm/rest/v1/ErrorCode.
 */
final class FcmErrors {
  static final String FCM_ERROR_TYPE = "type.googleapis.com/google.firebase.fcm.v1.FcmError";
  static final String BAD_REQUEST_TYPE = "type.googleapis.com/google.rpc.BadRequest";

  /** FCM's {@code errorCode} values, with the HTTP status FCM answers them with. */
  static final Map<String, Integer> STATUS_BY_CODE =
      Map.of(
          "UNSPECIFIED_ERROR", 500,
          "INVALID_ARGUMENT", 400,
          "UNREGISTERED", 404,
          "SENDER_ID_MISMATCH", 403,
          "QUOTA_EXCEEDED", 429,
          "UNAVAILABLE", 503,
          "INTERNAL", 500,
          "THIRD_PARTY_AUTH_ERROR", 401);

  static final String INVALID_TOKEN_MESSAGE =
      "The registration token is not a valid FCM registration token";

  private static final Map<String, String> MESSAGES =
      Map.of(
          "UNSPECIFIED_ERROR", "Unknown error.",
          "INVALID_ARGUMENT", "Request contains an invalid argument.",
          "UNREGISTERED", "Requested entity was not found.",
          "SENDER_ID_MISMATCH", "SenderId mismatch",
          "QUOTA_EXCEEDED", "Quota exceeded for the message target.",
          "UNAVAILABLE", "The service is currently unavailable.",
          "INTERNAL", "Internal error encountered.",
          "THIRD_PARTY_AUTH_ERROR", "Auth error from APNS or Web Push Service");

  private FcmErrors() {}

  /** FCM's message for a known error code; for a plain HTTP error, the status's usual words. */
  static String message(String errorCode, int httpStatus) {
    if (errorCode != null && MESSAGES.containsKey(errorCode)) {
      return MESSAGES.get(errorCode);
    }
    return switch (httpStatus) {
      case 401 ->
          "Request had invalid authentication credentials. Expected OAuth 2 access token, login"
              + " cookie or other valid authentication credential. See"
              + " https://developers.google.com/identity/sign-in/web/devconsole-project.";
      case 403 -> "The caller does not have permission";
      case 404 -> "Requested entity was not found.";
      case 429 -> "Resource has been exhausted (e.g. check quota).";
      case 503 -> "The service is currently unavailable.";
      default -> httpStatus >= 500 ? "Internal error encountered." : "Bad request.";
    };
  }

  /** Google's canonical status name for an HTTP status, as in {@code error.status}. */
  static String canonicalStatus(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 409 -> "ABORTED";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 500 -> "INTERNAL";
      case 501 -> "UNIMPLEMENTED";
      case 503 -> "UNAVAILABLE";
      case 504 -> "DEADLINE_EXCEEDED";
      default -> httpStatus >= 500 ? "UNKNOWN" : "FAILED_PRECONDITION";
    };
  }

  /**
   * Google's error JSON.
   *
   * @param errorCode FCM error code for the {@code FcmError} detail; null leaves it out, as FCM
   *     does for errors that are not about messaging (authentication, unknown paths)
   * @param invalidField request field for a {@code google.rpc.BadRequest} detail, or null
   */
  static Reply reply(
      ObjectMapper json, int httpStatus, String errorCode, String message, String invalidField) {
    List<Map<String, Object>> details = new ArrayList<>();
    if (errorCode != null) {
      Map<String, Object> fcmError = new LinkedHashMap<>();
      fcmError.put("@type", FCM_ERROR_TYPE);
      fcmError.put("errorCode", errorCode);
      details.add(fcmError);
    }
    if (invalidField != null) {
      Map<String, Object> badRequest = new LinkedHashMap<>();
      badRequest.put("@type", BAD_REQUEST_TYPE);
      badRequest.put(
          "fieldViolations", List.of(Map.of("field", invalidField, "description", message)));
      details.add(badRequest);
    }
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", httpStatus);
    error.put("message", message);
    error.put("status", canonicalStatus(httpStatus));
    if (!details.isEmpty()) {
      error.put("details", details);
    }
    try {
      return Reply.json(httpStatus, json.writeValueAsString(Map.of("error", error)));
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
