package io.kilowatch.sandbox;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Simulates SMS that people send to the account's numbers: Twilio POSTs each to the number's
 * messaging webhook ({@link #url}) with its inbound parameters, signed like every Twilio webhook.
 * Thread-safe.
 */
final class TwilioInbound {
  private final TwilioWebhooks webhooks;
  private final AtomicReference<URI> url = new AtomicReference<>();

  TwilioInbound(TwilioWebhooks webhooks) {
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
  }

  void url(URI value) {
    if (value != null && !value.isAbsolute()) {
      throw new IllegalArgumentException("inbound URL must be absolute: " + value);
    }
    url.set(value);
  }

  /**
   * Sends one inbound SMS.
   *
   * @param accountSid the account that owns {@code to}; null for the first configured account
   * @throws IllegalStateException if no inbound URL is set
   * @throws IllegalArgumentException if the account is unknown
   */
  CompletableFuture<TwilioCallback> receive(
      String accountSid, String from, String to, String body) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(body, "body");
    URI target = url.get();
    if (target == null) {
      throw new IllegalStateException("set the Twilio inbound URL first (inboundUrl)");
    }
    String account = account(accountSid);
    String sid = "SM" + randomHex32();
    // In the order Twilio sends them; Twilio also sends geographic fields (FromCountry, ...),
    // which it fills only when it knows them, so the sandbox leaves them out.
    Map<String, String> params = new LinkedHashMap<>();
    params.put("SmsMessageSid", sid);
    params.put("NumMedia", "0");
    params.put("SmsSid", sid);
    params.put("SmsStatus", "received");
    params.put("Body", body);
    params.put("To", to);
    params.put("NumSegments", Integer.toString(SmsSegments.count(body)));
    params.put("MessageSid", sid);
    params.put("AccountSid", account);
    params.put("From", from);
    params.put("ApiVersion", "2010-04-01");
    return webhooks.post(TwilioCallback.Kind.INBOUND, account, sid, target.toString(), params);
  }

  private String account(String accountSid) {
    Map<String, String> accounts = webhooks.accounts();
    if (accountSid != null) {
      if (!accounts.containsKey(accountSid)) {
        throw new IllegalArgumentException("unknown Twilio account " + accountSid);
      }
      return accountSid;
    }
    if (accounts.isEmpty()) {
      throw new IllegalArgumentException("the sandbox has no Twilio account");
    }
    // the first configured account owns the numbers (a backup account is configured after it)
    return accounts.keySet().iterator().next();
  }

  private static String randomHex32() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return String.format("%016x%016x", random.nextLong(), random.nextLong());
  }
}
