package io.kilowatch.delivery.tracking;

import io.kilowatch.channel.ProviderStatus;
import io.kilowatch.channel.ProviderStatusUpdate;
import io.kilowatch.delivery.application.ProviderStatusRecorder;
import io.kilowatch.platform.web.NotFoundException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.time.Clock;
import java.util.Base64;

/**
 * The targets of tracked emails, opened by the recipient's mail client without any login, so
 * anonymous: the token's signature is the authorisation. {@code GET /api/v1/t/c/{token}} records
 * {@code clicked} and redirects (302) to the URL the token was signed for; {@code GET
 * /api/v1/t/o/{token}.gif} records {@code opened} and answers a transparent 1×1 GIF. A forged,
 * altered or malformed token is a 404 and records nothing: there is no open redirect. Opens and
 * clicks go through {@link ProviderStatusRecorder} (provider {@code kilowatch-tracking}): counted
 * once per notification, status only moved forward, in analytics.
 */
@Controller("/api/v1/t")
@Secured(SecurityRule.IS_ANONYMOUS)
class TrackingController {
  static final String PROVIDER = "kilowatch-tracking";
  private static final byte[] PIXEL =
      Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
  private static final String GIF_SUFFIX = ".gif";

  private final TrackingTokens tokens;
  private final ProviderStatusRecorder recorder;
  private final Clock clock;

  TrackingController(TrackingTokens tokens, ProviderStatusRecorder recorder, Clock clock) {
    this.tokens = tokens;
    this.recorder = recorder;
    this.clock = clock;
  }

  @Get("/c/{token}")
  @Secured(SecurityRule.IS_ANONYMOUS)
  HttpResponse<?> click(@PathVariable String token) {
    TrackingTokens.Claim claim =
        tokens
            .verify(token)
            .filter(TrackingTokens.Claim::click)
            .filter(c -> c.url().startsWith("https://") || c.url().startsWith("http://"))
            .orElseThrow(() -> new NotFoundException("link"));
    record(claim, ProviderStatus.CLICKED, "link " + claim.index());
    return HttpResponse.status(io.micronaut.http.HttpStatus.FOUND)
        .header("Location", claim.url())
        .header("Cache-Control", "no-store")
        .header("Referrer-Policy", "no-referrer");
  }

  @Get("/o/{file}")
  @Secured(SecurityRule.IS_ANONYMOUS)
  HttpResponse<byte[]> open(@PathVariable String file) {
    if (!file.endsWith(GIF_SUFFIX)) {
      throw new NotFoundException("pixel");
    }
    TrackingTokens.Claim claim =
        tokens
            .verify(file.substring(0, file.length() - GIF_SUFFIX.length()))
            .filter(c -> !c.click())
            .orElseThrow(() -> new NotFoundException("pixel"));
    record(claim, ProviderStatus.OPENED, "pixel");
    return HttpResponse.ok(PIXEL)
        .contentType(MediaType.IMAGE_GIF_TYPE)
        .header("Cache-Control", "no-store, max-age=0");
  }

  private void record(TrackingTokens.Claim claim, ProviderStatus status, String detail) {
    recorder.onStatus(
        new ProviderStatusUpdate(
            PROVIDER, null, claim.notificationId(), status, null, null, detail, clock.instant()));
  }
}
