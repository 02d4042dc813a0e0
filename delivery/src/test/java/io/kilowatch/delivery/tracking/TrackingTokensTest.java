package io.kilowatch.delivery.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TrackingTokensTest {
  static final String SECRET = "0123456789abcdef0123456789abcdef-test";

  static TrackingTokens tokens(String secret) {
    TrackingSettings settings = new TrackingSettings();
    settings.setSecret(secret);
    return new TrackingTokens(settings);
  }

  @Test
  void clickAndOpenTokensVerifyWithTheirSecretOnly() {
    TrackingTokens tokens = tokens(SECRET);
    String click = tokens.click("n-1", 2, "https://example.com/a?b=1&c=2");
    assertThat(tokens.verify(click))
        .contains(new TrackingTokens.Claim("n-1", true, 2, "https://example.com/a?b=1&c=2"));
    assertThat(tokens.verify(tokens.open("n-1")))
        .contains(new TrackingTokens.Claim("n-1", false, -1, null));
    assertThat(tokens(SECRET + "-other").verify(click)).isEmpty();
  }

  @Test
  void alteredPayloadOrSignatureIsRefused() {
    TrackingTokens tokens = tokens(SECRET);
    String click = tokens.click("n-1", 0, "https://example.com/");
    String payload = click.substring(0, click.indexOf('.'));
    String signature = click.substring(click.indexOf('.') + 1);
    String other =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)
                    .replace("https://example.com/", "https://evil.example/")
                    .getBytes(StandardCharsets.UTF_8));
    assertThat(tokens.verify(other + "." + signature)).isEmpty();
    assertThat(tokens.verify(payload + "." + signature.substring(1))).isEmpty();
    assertThat(tokens.verify(payload)).isEmpty();
    assertThat(tokens.verify("a.b.c")).isEmpty();
    assertThat(tokens.verify("%%%.###")).isEmpty();
    assertThat(tokens.verify(null)).isEmpty();
  }

  @Test
  void withoutSecretTrackingIsOffAndAShortSecretStopsTheStart() {
    TrackingTokens off = tokens(null);
    assertThat(off.enabled()).isFalse();
    assertThat(off.verify(tokens(SECRET).open("n"))).isEmpty();
    assertThatThrownBy(() -> tokens("short"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("kilowatch.tracking.secret");
  }

  @Test
  void linksInTheHtmlAreRewrittenAndEntitiesResolved() {
    TrackingSettings settings = new TrackingSettings();
    settings.setSecret(SECRET);
    settings.setBaseUrl("https://api.example/");
    TrackingTokens tokens = new TrackingTokens(settings);
    TrackingLinks links = new TrackingLinks(tokens, settings, null, null);
    String html =
        "<html><body><a href=\"https://x.example/?a=1&amp;b=2\">x</a>"
            + " <A class=\"c\" HREF='http://y.example/'>y</A> <a href=\"mailto:z@example.com\">z</a>"
            + "</body></html>";
    String tracked = links.track("n-9", html);
    assertThat(tracked).doesNotContain("https://x.example").doesNotContain("http://y.example");
    assertThat(tracked).contains("mailto:z@example.com");
    assertThat(tracked).contains("https://api.example/api/v1/t/o/").contains(".gif\"");
    assertThat(tracked.indexOf("/api/v1/t/o/")).isLessThan(tracked.indexOf("</body>"));
    var first =
        java.util.regex.Pattern.compile("/api/v1/t/c/([^\"']+)")
            .matcher(tracked)
            .results()
            .toList();
    assertThat(first).hasSize(2);
    assertThat(tokens.verify(first.get(0).group(1)).orElseThrow().url())
        .isEqualTo("https://x.example/?a=1&b=2");
    assertThat(tokens.verify(first.get(1).group(1)).orElseThrow().index()).isEqualTo(1);
  }
}
