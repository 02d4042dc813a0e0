package io.kilowatch.channel.sms;

import io.kilowatch.channel.ProviderStatus;
import io.kilowatch.channel.ProviderStatusListener;
import io.kilowatch.channel.ProviderStatusUpdate;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio's webhooks: message status callbacks and inbound SMS. Anonymous at the HTTP layer because
 * Twilio authenticates each request with {@code X-Twilio-Signature} (see {@link
 * TwilioSignatureValidator}), checked with the auth token of the account named by {@code
 * AccountSid} against the public URL of the request; a missing or wrong signature, or an unknown
 * account, is answered 403 ({@code application/problem+json}) and nothing is passed on.
 *
 * <ul>
 *   <li>{@code POST /api/v1/providers/twilio/status?notificationId=<id>}: the {@code
 *       StatusCallback} {@link TwilioSmsSender} sets. {@code MessageStatus} mapped by {@link
 *       TwilioStatuses} → a {@link ProviderStatusUpdate} to every {@link ProviderStatusListener};
 *       204.
 *   <li>{@code POST /api/v1/providers/twilio/inbound}: the messaging webhook of our numbers. A
 *       standard keyword ({@link SmsKeywords}) → an {@link InboundKeyword} to every {@link
 *       InboundSmsListener}; other texts are ignored. Answers empty TwiML, so Twilio sends no reply
 *       of ours (its own opt-out confirmations still go out).
 * </ul>
 *
 * A listener's exception makes the answer 500 after all listeners were called. Neither phone
 * numbers nor message bodies are logged, only message SIDs. Runs on the blocking executor: the
 * listeners write to databases.
 */
@Controller(TwilioWebhookController.BASE_PATH)
@Requires(property = TwilioSettings.ACCOUNT_SID_PROPERTY)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class TwilioWebhookController {
  static final String BASE_PATH = "/api/v1/providers/twilio";
  static final String STATUS_PATH = BASE_PATH + "/status";
  static final String INBOUND_PATH = BASE_PATH + "/inbound";
  static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

  private static final Logger LOG = LoggerFactory.getLogger(TwilioWebhookController.class);
  private static final String PROBLEM_JSON = "application/problem+json";

  private final TwilioWebhookAccounts accounts;
  private final List<ProviderStatusListener> statusListeners;
  private final List<InboundSmsListener> inboundListeners;
  private final HttpHostResolver hosts;
  private final Clock clock;

  TwilioWebhookController(
      TwilioWebhookAccounts accounts,
      List<ProviderStatusListener> statusListeners,
      List<InboundSmsListener> inboundListeners,
      HttpHostResolver hosts,
      @Nullable Clock clock) {
    this.accounts = accounts;
    this.statusListeners = List.copyOf(statusListeners);
    this.inboundListeners = List.copyOf(inboundListeners);
    this.hosts = hosts;
    this.clock = clock != null ? clock : Clock.systemUTC();
  }

  @Post(uri = "/status", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<?> status(HttpRequest<?> request, @Nullable @Body String body) {
    FormParameters form;
    try {
      form = FormParameters.parse(body);
    } catch (IllegalArgumentException malformed) {
      return problem(HttpStatus.BAD_REQUEST, "the form body is malformed");
    }
    TwilioWebhookAccounts.Account account = verified(request, form);
    if (account == null) {
      return forbidden();
    }
    String messageSid = firstOf(form, "MessageSid", "SmsSid");
    String twilioStatus = firstOf(form, "MessageStatus", "SmsStatus");
    if (messageSid == null || twilioStatus == null) {
      return problem(HttpStatus.BAD_REQUEST, "MessageSid and MessageStatus are required");
    }
    ProviderStatus status = TwilioStatuses.map(twilioStatus);
    if (status == null) {
      LOG.info("Ignoring Twilio status '{}' of message {}", twilioStatus, messageSid);
      return HttpResponse.noContent();
    }
    String errorCode = form.first("ErrorCode");
    ProviderStatusUpdate update =
        new ProviderStatusUpdate(
            account.provider(),
            messageSid,
            blankToNull(request.getParameters().get("notificationId")),
            status,
            form.first("To"),
            errorCode,
            errorCode == null ? twilioStatus : twilioStatus + " " + errorCode,
            clock.instant());
    LOG.debug(
        "Twilio reports message {} {} (notification {})",
        messageSid,
        twilioStatus,
        update.notificationId());
    if (!notifyAll(statusListeners, l -> l.onStatus(update), messageSid)) {
      return problem(HttpStatus.INTERNAL_SERVER_ERROR, "a status listener failed");
    }
    return HttpResponse.noContent();
  }

  @Post(
      uri = "/inbound",
      consumes = MediaType.APPLICATION_FORM_URLENCODED,
      produces = MediaType.TEXT_XML)
  HttpResponse<?> inbound(HttpRequest<?> request, @Nullable @Body String body) {
    FormParameters form;
    try {
      form = FormParameters.parse(body);
    } catch (IllegalArgumentException malformed) {
      return problem(HttpStatus.BAD_REQUEST, "the form body is malformed");
    }
    TwilioWebhookAccounts.Account account = verified(request, form);
    if (account == null) {
      return forbidden();
    }
    String messageSid = firstOf(form, "MessageSid", "SmsMessageSid", "SmsSid");
    String from = form.first("From");
    String text = form.asMap().containsKey("Body") ? form.asMap().get("Body").get(0) : null;
    InboundKeyword.Type type = SmsKeywords.fromOptOutType(form.first("OptOutType"));
    if (type == null) {
      type = SmsKeywords.classify(text);
    }
    if (type == null) {
      LOG.debug("Inbound SMS {} is no keyword; ignored", messageSid);
      return twiml();
    }
    if (messageSid == null || from == null) {
      return problem(HttpStatus.BAD_REQUEST, "MessageSid and From are required");
    }
    InboundKeyword keyword =
        new InboundKeyword(
            type,
            text == null ? "" : SmsKeywords.normalise(text),
            from.strip(),
            form.first("To"),
            account.provider(),
            messageSid,
            clock.instant());
    LOG.info("Inbound SMS {} is a {} keyword", messageSid, type);
    if (!notifyAll(inboundListeners, l -> l.onKeyword(keyword), messageSid)) {
      return problem(HttpStatus.INTERNAL_SERVER_ERROR, "an inbound SMS listener failed");
    }
    return twiml();
  }

  /** The account whose auth token signed this request, or null if none did. */
  private TwilioWebhookAccounts.Account verified(HttpRequest<?> request, FormParameters form) {
    String accountSid = form.first("AccountSid");
    TwilioWebhookAccounts.Account account = accounts.find(accountSid);
    String signature = request.getHeaders().get(TwilioSignatureValidator.HEADER);
    if (account == null) {
      LOG.warn(
          "Rejected Twilio webhook to {}: unknown AccountSid {}", request.getPath(), accountSid);
      return null;
    }
    String url = publicUrl(request, account);
    if (!account.validator().isValid(url, form.asMap(), signature)) {
      // The URL is logged because a proxy that changes it is the usual cause.
      LOG.warn(
          "Rejected Twilio webhook: {} for {}",
          signature == null ? "no " + TwilioSignatureValidator.HEADER : "signature mismatch",
          url);
      return null;
    }
    return account;
  }

  /** The URL Twilio called: the public base URL, then path and query exactly as received. */
  private String publicUrl(HttpRequest<?> request, TwilioWebhookAccounts.Account account) {
    String base =
        account.publicBaseUrl() != null ? account.publicBaseUrl() : hosts.resolve(request);
    URI uri = request.getUri();
    String query = uri.getRawQuery();
    return base + uri.getRawPath() + (query == null ? "" : "?" + query);
  }

  private <L> boolean notifyAll(List<L> listeners, Consumer<L> call, String messageSid) {
    boolean allOk = true;
    for (L listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        allOk = false;
        LOG.error("{} failed on Twilio message {}", listener.getClass().getName(), messageSid, e);
      }
    }
    return allOk;
  }

  private static HttpResponse<String> twiml() {
    return HttpResponse.ok(EMPTY_TWIML).contentType(MediaType.TEXT_XML_TYPE);
  }

  private static HttpResponse<?> forbidden() {
    return problem(
        HttpStatus.FORBIDDEN,
        TwilioSignatureValidator.HEADER + " is missing or does not match the request");
  }

  /** Same shape as the platform's problem responses (RFC 9457). */
  private static HttpResponse<?> problem(HttpStatus status, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", status.getReason());
    body.put("status", status.getCode());
    body.put("detail", detail);
    return HttpResponse.status(status).contentType(PROBLEM_JSON).body(body);
  }

  private static String firstOf(FormParameters form, String... names) {
    for (String name : names) {
      String value = form.first(name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
