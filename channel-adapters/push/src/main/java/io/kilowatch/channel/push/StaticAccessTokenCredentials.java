package io.kilowatch.channel.push;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;

/**
 * Credentials that are one fixed OAuth2 access token, for the provider sandbox. Unlike {@code
 * GoogleCredentials.create(AccessToken)} it never contacts Google's OAuth server and fails a
 * refresh with an {@link IOException} rather than an {@code IllegalStateException}: when FCM (or
 * the sandbox) answers 401 {@code invalid_token}, the SDK tries to refresh, gives up, and the send
 * ends as an ordinary 401 instead of an exception escaping the sender. The token has no expiry, so
 * the SDK never tries to refresh it ahead of time.
 */
final class StaticAccessTokenCredentials extends GoogleCredentials {
  private static final long serialVersionUID = 1L;

  StaticAccessTokenCredentials(String accessToken) {
    super(GoogleCredentials.newBuilder().setAccessToken(new AccessToken(accessToken, null)));
  }

  @Override
  public AccessToken refreshAccessToken() throws IOException {
    throw new IOException("a configured access-token cannot be refreshed; configure credentials");
  }
}
