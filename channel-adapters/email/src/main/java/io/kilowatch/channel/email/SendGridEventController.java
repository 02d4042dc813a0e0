package io.kilowatch.channel.email;

import io.kilowatch.channel.ProviderStatusListener;
import io.kilowatch.channel.ProviderStatusUpdate;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SendGrid's Event Webhook: {@code POST /api/v1/providers/sendgrid/events} for the primary profile,
 * {@code /api/v1/providers/sendgrid-backup/events} for the backup. Anonymous in Micronaut Security
 * terms because SendGrid sends no token: each post is authenticated by its ECDSA signature over the
 * raw body instead, and must be signed within the profile's {@code event-webhook-max-age}.
 *
 * <ul>
 *   <li>204: verified; every recorded event was passed to every {@link ProviderStatusListener}
 *   <li>401: signature or timestamp missing, malformed, wrong or stale; nothing passed on
 *   <li>400: verified, but not a batch of SendGrid events; nothing passed on
 *   <li>404: the profile has no {@code event-webhook-public-key}
 *   <li>500: a listener failed; SendGrid retries the batch (listeners are idempotent)
 * </ul>
 *
 * Errors are rendered by the application's {@link ErrorResponseProcessor} (problem+json in
 * Kilowatch).
 */
@Controller("/api/v1/providers")
@Secured(SecurityRule.IS_ANONYMOUS)
class SendGridEventController {
  private static final Logger LOG = LoggerFactory.getLogger(SendGridEventController.class);

  private final Map<String, SendGridEventWebhook> webhooks;
  private final List<ProviderStatusListener> listeners;
  private final ErrorResponseProcessor<?> problems;

  SendGridEventController(
      List<SendGridEventWebhook> webhooks,
      List<ProviderStatusListener> listeners,
      ErrorResponseProcessor<?> problems) {
    this.webhooks =
        webhooks.stream()
            .collect(Collectors.toUnmodifiableMap(SendGridEventWebhook::path, Function.identity()));
    this.listeners = List.copyOf(listeners);
    this.problems = problems;
  }

  @Post(uri = "/sendgrid/events", consumes = MediaType.APPLICATION_JSON)
  @ExecuteOn(TaskExecutors.BLOCKING)
  HttpResponse<?> primary(
      HttpRequest<?> request,
      @Nullable @Body byte[] body,
      @Nullable @Header(SendGridSignatureVerifier.SIGNATURE_HEADER) String signature,
      @Nullable @Header(SendGridSignatureVerifier.TIMESTAMP_HEADER) String timestamp) {
    return receive("sendgrid", request, body, signature, timestamp);
  }

  @Post(uri = "/sendgrid-backup/events", consumes = MediaType.APPLICATION_JSON)
  @ExecuteOn(TaskExecutors.BLOCKING)
  HttpResponse<?> backup(
      HttpRequest<?> request,
      @Nullable @Body byte[] body,
      @Nullable @Header(SendGridSignatureVerifier.SIGNATURE_HEADER) String signature,
      @Nullable @Header(SendGridSignatureVerifier.TIMESTAMP_HEADER) String timestamp) {
    return receive("sendgrid-backup", request, body, signature, timestamp);
  }

  private HttpResponse<?> receive(
      String path, HttpRequest<?> request, byte[] body, String signature, String timestamp) {
    SendGridEventWebhook webhook = webhooks.get(path);
    if (webhook == null) {
      return problem(
          request,
          HttpResponse.notFound(),
          null,
          "no SendGrid event webhook is configured for " + path);
    }
    byte[] raw = body == null ? new byte[0] : body;
    SendGridSignatureVerifier.Verification verification = webhook.verify(signature, timestamp, raw);
    if (verification != SendGridSignatureVerifier.Verification.VALID) {
      // No body in the log: an unverified post is attacker-controlled text.
      LOG.warn(
          "Rejected SendGrid event post to {} from {}: {}",
          path,
          request.getRemoteAddress(),
          verification);
      return problem(
          request,
          HttpResponse.unauthorized(),
          null,
          "event webhook signature " + describe(verification));
    }
    List<ProviderStatusUpdate> updates;
    try {
      updates = webhook.updates(raw);
    } catch (MalformedEventsException e) {
      LOG.warn("Rejected malformed SendGrid event post to {}: {}", path, e.getMessage());
      return problems(request, e.problems());
    }
    for (ProviderStatusUpdate update : updates) {
      for (ProviderStatusListener listener : listeners) {
        // A failure escapes as 500, so SendGrid posts the batch again; listeners are idempotent.
        listener.onStatus(update);
      }
    }
    LOG.debug("Passed on {} SendGrid status updates from {}", updates.size(), path);
    return HttpResponse.noContent();
  }

  private static String describe(SendGridSignatureVerifier.Verification verification) {
    return switch (verification) {
      case MISSING -> "or timestamp header missing";
      case MALFORMED -> "or timestamp malformed";
      case BAD_SIGNATURE -> "does not match";
      case STALE -> "timestamp outside the accepted window";
      case VALID -> "valid";
    };
  }

  private HttpResponse<?> problem(
      HttpRequest<?> request, MutableHttpResponse<?> response, String field, String message) {
    return problems.processResponse(
        ErrorContext.builder(request).error(error(field, message)).build(), response);
  }

  private HttpResponse<?> problems(
      HttpRequest<?> request, List<MalformedEventsException.Problem> list) {
    var context = ErrorContext.builder(request);
    list.forEach(p -> context.error(error(p.field(), p.message())));
    return problems.processResponse(context.build(), HttpResponse.badRequest());
  }

  private static Error error(String field, String message) {
    return new Error() {
      @Override
      public String getMessage() {
        return message;
      }

      @Override
      public Optional<String> getPath() {
        return Optional.ofNullable(field);
      }
    };
  }
}
