package io.kilowatch.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Twilio's error codes and messages, and the JSON shape Twilio answers errors in. */
final class TwilioErrors {
  private static final Map<Integer, String> MESSAGES =
      Map.ofEntries(
          Map.entry(20003, "Authenticate"),
          Map.entry(20404, "The requested resource was not found"),
          Map.entry(20429, "Too Many Requests"),
          Map.entry(20500, "Internal Server Error"),
          Map.entry(20503, "Service Unavailable"),
          Map.entry(21211, "The 'To' number is not a valid phone number."),
          Map.entry(21408, "Permission to send an SMS has not been enabled for the region."),
          Map.entry(21602, "Message body is required."),
          Map.entry(21603, "A 'From' phone number is required."),
          Map.entry(21604, "A 'To' phone number is required."),
          Map.entry(21610, "Attempt to send to unsubscribed recipient"),
          Map.entry(21612, "The 'To' phone number is not currently reachable via SMS."),
          Map.entry(21614, "'To' number is not a valid mobile number"),
          Map.entry(21609, "Invalid StatusCallback url"),
          Map.entry(21617, "The concatenated message body exceeds the 1600 character limit."),
          Map.entry(30001, "Queue overflow"),
          Map.entry(30002, "Account suspended"),
          Map.entry(30003, "Unreachable destination handset"),
          Map.entry(30004, "Message blocked"),
          Map.entry(30005, "Unknown destination handset"),
          Map.entry(30006, "Landline or unreachable carrier"),
          Map.entry(30007, "Message filtered"),
          Map.entry(30008, "Unknown error"));

  private TwilioErrors() {}

  static String message(int code) {
    return MESSAGES.getOrDefault(code, "Sandbox error " + code);
  }

  /** {@code {"code":..,"message":..,"more_info":..,"status":..}} as Twilio sends it. */
  static Reply reply(ObjectMapper json, int status, int code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("more_info", "https://www.twilio.com/docs/errors/" + code);
    error.put("status", status);
    try {
      return Reply.json(status, json.writeValueAsString(error));
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
