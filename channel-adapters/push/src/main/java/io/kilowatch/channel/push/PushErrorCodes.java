package io.kilowatch.channel.push;

import java.util.Set;

/**
 * The {@code errorCode}s the push adapter puts into {@link io.kilowatch.channel.SendResult}s, and
 * the contract with delivery about device tokens: a {@code PermanentFailure} whose code {@link
 * #removesToken(String) removes the token} means "this registration token is dead; delete it from
 * the customer's contact points". No other code means that, not even {@link #INVALID_ARGUMENT}
 * (which FCM also uses for a bad payload) or {@link #SENDER_ID_MISMATCH} (the token may belong to a
 * backup profile's Firebase project).
 */
public final class PushErrorCodes {
  /** FCM {@code UNREGISTERED}: the app was uninstalled or the token expired. Remove the token. */
  public static final String UNREGISTERED = "UNREGISTERED";

  /**
   * FCM {@code INVALID_ARGUMENT} about {@code message.token}: not a registration token at all.
   * Remove the token.
   */
  public static final String INVALID_TOKEN = "INVALID_TOKEN";

  /** FCM {@code INVALID_ARGUMENT} about anything else: our payload is wrong. Keep the token. */
  public static final String INVALID_ARGUMENT = "INVALID_ARGUMENT";

  /** The token was issued for another sender (Firebase project). Permanent for this profile. */
  public static final String SENDER_ID_MISMATCH = "SENDER_ID_MISMATCH";

  /** Retryable: FCM's per-project or per-device quota ({@code 429}); honour the retry-after. */
  public static final String QUOTA_EXCEEDED = "QUOTA_EXCEEDED";

  /** Retryable: FCM {@code UNAVAILABLE} (503). */
  public static final String UNAVAILABLE = "UNAVAILABLE";

  /** Retryable: FCM {@code INTERNAL} (500). */
  public static final String INTERNAL = "INTERNAL";

  /**
   * Permanent: our credentials (401/403) or the app's APNs / Web Push credentials ({@code
   * THIRD_PARTY_AUTH_ERROR}) were rejected. No retry fixes it; delivery may fail over.
   */
  public static final String AUTH = "auth";

  /** Retryable: no answer in time (connect or read timeout). FCM may have taken the message. */
  public static final String TIMEOUT = "timeout";

  /** Retryable: no answer (refused, reset, DNS). */
  public static final String CONNECTION = "connection";

  /** Permanent: FCM said yes but its answer could not be read; retrying could notify twice. */
  public static final String INVALID_RESPONSE = "invalid-response";

  /** Permanent: the message cannot be expressed as an FCM message (caller or template bug). */
  public static final String INVALID_MESSAGE = "invalid-message";

  private static final Set<String> TOKEN_REMOVAL = Set.of(UNREGISTERED, INVALID_TOKEN);

  private PushErrorCodes() {}

  /**
   * True for the codes after which delivery removes the device token: {@code UNREGISTERED}, {@code
   * INVALID_TOKEN}.
   */
  public static boolean removesToken(String errorCode) {
    return errorCode != null && TOKEN_REMOVAL.contains(errorCode);
  }
}
