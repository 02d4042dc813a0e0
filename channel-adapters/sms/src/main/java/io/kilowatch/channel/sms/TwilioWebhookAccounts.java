package io.kilowatch.channel.sms;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Twilio accounts whose webhooks Kilowatch accepts, by account SID: each with the provider name
 * its updates carry, its signature validator (its auth token) and the public base URL its webhook
 * URLs are checked against. Built from every {@link TwilioAccountSettings} bean ({@link
 * TwilioSettings} and {@link TwilioBackupSettings}), so the backup account is picked by the {@code
 * AccountSid} Twilio sends and its webhooks are verified with its own auth token. Immutable and
 * thread-safe.
 */
@Singleton
@Requires(property = TwilioSettings.ACCOUNT_SID_PROPERTY)
final class TwilioWebhookAccounts {
  private static final Logger LOG = LoggerFactory.getLogger(TwilioWebhookAccounts.class);

  /**
   * @param publicBaseUrl scheme, host, port and path prefix Twilio uses, without a trailing slash;
   *     null to take it from each request
   */
  record Account(
      String accountSid,
      String provider,
      TwilioSignatureValidator validator,
      String publicBaseUrl) {}

  private final Map<String, Account> bySid;

  TwilioWebhookAccounts(List<TwilioAccountSettings> settings) {
    Map<String, Account> accounts = new LinkedHashMap<>();
    for (TwilioAccountSettings s : settings) {
      if (isBlank(s.getAccountSid())) {
        continue;
      }
      if (isBlank(s.getAuthToken())) {
        throw new IllegalArgumentException(s.prefix() + ".auth-token is required: " + s);
      }
      String accountSid = s.getAccountSid().strip();
      Account account =
          new Account(
              accountSid,
              s.getProvider(),
              new TwilioSignatureValidator(s.getAuthToken()),
              publicBaseUrl(s));
      if (accounts.putIfAbsent(accountSid, account) != null) {
        throw new IllegalArgumentException("Twilio account " + accountSid + " configured twice");
      }
    }
    this.bySid = Map.copyOf(accounts);
  }

  /** The account with this SID, or null. */
  Account find(String accountSid) {
    return accountSid == null ? null : bySid.get(accountSid);
  }

  private static String publicBaseUrl(TwilioAccountSettings s) {
    String callback = s.getStatusCallbackUrl();
    String base;
    if (!isBlank(s.getPublicBaseUrl())) {
      base = stripTrailingSlash(s.getPublicBaseUrl().strip());
      checkBase(base, s.prefix());
      if (!isBlank(callback)
          && !callback.strip().startsWith(base + TwilioWebhookController.STATUS_PATH)) {
        LOG.warn(
            "{}.status-callback-url {} is not {}{}: Twilio signs the"
                + " URL it calls, so its status callbacks will fail the signature check",
            s.prefix(),
            callback,
            base,
            TwilioWebhookController.STATUS_PATH);
      }
      return base;
    }
    if (isBlank(callback)) {
      return null;
    }
    // Twilio signs exactly the callback URL we gave it, so its start is the base we were called at.
    String url = callback.strip();
    int query = url.indexOf('?');
    String withoutQuery = query < 0 ? url : url.substring(0, query);
    if (!withoutQuery.endsWith(TwilioWebhookController.STATUS_PATH)) {
      return null;
    }
    base =
        withoutQuery.substring(
            0, withoutQuery.length() - TwilioWebhookController.STATUS_PATH.length());
    checkBase(base, s.prefix());
    return base;
  }

  private static void checkBase(String base, String prefix) {
    URI uri;
    try {
      uri = URI.create(base);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(prefix + ".public-base-url is not a URL: " + base, e);
    }
    boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
    if (!http
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          prefix + ".public-base-url must be http(s)://host[:port][/prefix]: " + base);
    }
  }

  private static String stripTrailingSlash(String url) {
    String result = url;
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
