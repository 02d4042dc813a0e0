package io.kilowatch.consent.adapter.in.web;

import io.kilowatch.consent.application.UnsubscribeService;
import io.kilowatch.consent.application.UnsubscribeToken;
import io.kilowatch.platform.web.InvalidInputException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * One-click unsubscribe (RFC 8058) from the {@code List-Unsubscribe} header or a link in an email.
 * No login: the signed token is the authorisation (a forged or altered one → 403 problem+json,
 * nothing changes).
 *
 * <ul>
 *   <li>{@code GET /api/v1/unsubscribe/{token}}: a confirmation page with a button; a GET never
 *       unsubscribes (link scanners and prefetchers follow links).
 *   <li>{@code POST /api/v1/unsubscribe/{token}} with body {@code List-Unsubscribe=One-Click} (form
 *       or multipart, as mail clients send it): withdraws consent for the token's purpose on its
 *       channel; 200 with a short page.
 * </ul>
 */
@Controller("/api/v1/unsubscribe")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class UnsubscribeController {
  private static final String ONE_CLICK = "List-Unsubscribe=One-Click";

  private final UnsubscribeService unsubscribes;

  UnsubscribeController(UnsubscribeService unsubscribes) {
    this.unsubscribes = unsubscribes;
  }

  @Get(uri = "/{token}", produces = MediaType.TEXT_HTML)
  HttpResponse<String> confirm(@PathVariable String token) {
    UnsubscribeToken checked = unsubscribes.check(token);
    String what = describe(checked);
    return page(
        "Unsubscribe",
        "<p>Stop "
            + what
            + " to "
            + html(checked.address())
            + "?</p>"
            + "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\""
            + " value=\"One-Click\"><button type=\"submit\">Unsubscribe</button></form>");
  }

  @Post(
      uri = "/{token}",
      consumes = {
        MediaType.APPLICATION_FORM_URLENCODED,
        MediaType.MULTIPART_FORM_DATA,
        MediaType.TEXT_PLAIN
      },
      produces = MediaType.TEXT_HTML)
  HttpResponse<String> unsubscribe(@PathVariable String token, @Nullable @Body String body) {
    if (!isOneClick(body)) {
      // check the token first: a forged link is refused as such whatever its body
      unsubscribes.check(token);
      throw InvalidInputException.of("List-Unsubscribe", "the body must be " + ONE_CLICK);
    }
    UnsubscribeToken checked = unsubscribes.check(token);
    unsubscribes.unsubscribe(token);
    return page(
        "Unsubscribed",
        "<p>You will no longer receive "
            + describe(checked)
            + " at "
            + html(checked.address())
            + ".</p>");
  }

  /** RFC 8058: {@code List-Unsubscribe=One-Click}, URL-encoded or as a multipart field. */
  static boolean isOneClick(String body) {
    if (body == null) {
      return false;
    }
    for (String pair : body.strip().split("&")) {
      if (pair.strip().equals(ONE_CLICK)) {
        return true;
      }
    }
    return body.contains("name=\"List-Unsubscribe\"") && body.contains("One-Click");
  }

  private static String describe(UnsubscribeToken token) {
    String purpose =
        switch (token.purpose()) {
          case MARKETING -> "marketing messages";
          case ANALYTICS -> "tracking";
          default -> "alerts and service messages";
        };
    return purpose + " by " + html(token.channel());
  }

  private static HttpResponse<String> page(String title, String content) {
    return HttpResponse.ok(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + title
                + "</title></head><body><h1>"
                + title
                + "</h1>"
                + content
                + "</body></html>")
        .contentType(MediaType.TEXT_HTML_TYPE);
  }

  private static String html(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
