package io.kilowatch.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.security.RequestValidator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TwilioSignatureValidatorTest {
  // Twilio's published example (twilio-java RequestValidatorTest, the webhook security docs).
  private static final String TOKEN = "12345";
  private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
  private static final String SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

  private final TwilioSignatureValidator validator = new TwilioSignatureValidator(TOKEN);

  private static Map<String, List<String>> params() {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("Digits", List.of("1234"));
    params.put("CallSid", List.of("CA1234567890ABCDE"));
    params.put("To", List.of("+18005551212"));
    params.put("Caller", List.of("+14158675309"));
    params.put("From", List.of("+14158675309"));
    return params;
  }

  @Test
  void acceptsTwiliosPublishedExample() {
    assertThat(validator.signatureOf(URL, params())).isEqualTo(SIGNATURE);
    assertThat(validator.isValid(URL, params(), SIGNATURE)).isTrue();
  }

  @Test
  void agreesWithTheTwilioSdkOnAStatusCallback() {
    Map<String, String> single = new HashMap<>();
    single.put("MessageSid", "SM0123456789abcdef0123456789abcdef");
    single.put("MessageStatus", "undelivered");
    single.put("ErrorCode", "30003");
    single.put("AccountSid", "AC00000000000000000000000000000001");
    single.put("To", "+4915112345678");
    single.put("From", "+15017122661");
    single.put("Body", "Ünïcødé & spaces = fine?");
    single.put("Empty", "");
    String url =
        "https://hooks.kilowatch.example/api/v1/providers/twilio/status?notificationId=n%2F1";
    String referenceSignature = referenceSignature("sandbox-auth-token", url, single);
    Map<String, List<String>> multi = new HashMap<>();
    single.forEach((name, value) -> multi.put(name, List.of(value)));

    TwilioSignatureValidator ours = new TwilioSignatureValidator("sandbox-auth-token");

    assertThat(new RequestValidator("sandbox-auth-token").validate(url, single, referenceSignature))
        .isTrue();
    assertThat(ours.signatureOf(url, multi)).isEqualTo(referenceSignature);
    assertThat(ours.isValid(url, multi, referenceSignature)).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "   ",
        "not-base64!",
        "RSOYDt4T1cUTdK1PDd93/VVr8B8",
        "rsoydt4t1cutdk1pdd93/vvr8b8="
      })
  void rejectsMissingOrWrongSignatures(String signature) {
    assertThat(validator.isValid(URL, params(), signature)).isFalse();
  }

  @Test
  void toleratesSurroundingWhitespaceInTheHeader() {
    assertThat(validator.isValid(URL, params(), " " + SIGNATURE + " ")).isTrue();
  }

  @Test
  void rejectsATamperedParameter() {
    Map<String, List<String>> tampered = params();
    tampered.put("To", List.of("+18005551213"));

    assertThat(validator.isValid(URL, tampered, SIGNATURE)).isFalse();
  }

  @Test
  void rejectsAnAddedOrRemovedParameter() {
    Map<String, List<String>> added = params();
    added.put("ErrorCode", List.of("30003"));
    Map<String, List<String>> removed = params();
    removed.remove("Digits");

    assertThat(validator.isValid(URL, added, SIGNATURE)).isFalse();
    assertThat(validator.isValid(URL, removed, SIGNATURE)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://evil.example/myapp.php?foo=1&bar=2",
        "http://mycompany.com/myapp.php?foo=1&bar=2",
        "https://mycompany.com/other.php?foo=1&bar=2",
        "https://mycompany.com/myapp.php?foo=1&bar=3",
        "https://mycompany.com/myapp.php",
        "https://mycompany.com/myapp.php?bar=2&foo=1"
      })
  void rejectsASignatureForAnotherUrl(String url) {
    assertThat(validator.isValid(url, params(), SIGNATURE)).isFalse();
  }

  @Test
  void rejectsAnotherAccountsSignature() {
    String otherAccounts = new TwilioSignatureValidator("54321").signatureOf(URL, params());

    assertThat(validator.isValid(URL, params(), otherAccounts)).isFalse();
  }

  @Test
  void acceptsTheUrlWithOrWithoutItsPortLikeTwiliosLibraries() {
    // Signatures from twilio-java's tests: https with :443, http with :80, http with :1234.
    assertThat(validator.isValid(URL, params(), "kvajT1Ptam85bY51eRf/AJRuM3w=")).isTrue();
    assertThat(
            validator.isValid(
                URL.replace("https", "http"), params(), "0ZXoZLH/DfblKGATFgpif+LLRf4="))
        .isTrue();
    assertThat(validator.isValid(URL.replace(".com", ".com:1234"), params(), SIGNATURE)).isTrue();
    assertThat(
            validator.isValid(
                URL.replace(".com", ".com:1234").replace("https", "http"),
                params(),
                "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="))
        .isTrue();
  }

  @Test
  void urlVariantsHandleIpv6AndUserInfo() {
    assertThat(TwilioSignatureValidator.urlVariants("http://[::1]:8080/x?y=1"))
        .containsExactly("http://[::1]:8080/x?y=1", "http://[::1]/x?y=1");
    assertThat(TwilioSignatureValidator.urlVariants("https://u:p@host/x"))
        .containsExactly("https://u:p@host/x", "https://u:p@host:443/x");
    assertThat(TwilioSignatureValidator.urlVariants("https://host"))
        .containsExactly("https://host", "https://host:443");
  }

  @Test
  void repeatedParametersContributeEachDistinctValueSortedAsTwilioNodeDoes() throws Exception {
    Map<String, List<String>> repeated = new LinkedHashMap<>();
    repeated.put(
        "MediaUrl", List.of("https://b.example", "https://a.example", "https://b.example"));
    repeated.put("AccountSid", List.of("AC1"));
    String expected =
        hmacSha1Base64(
            TOKEN,
            URL + "AccountSidAC1" + "MediaUrlhttps://a.example" + "MediaUrlhttps://b.example");

    assertThat(validator.signatureOf(URL, repeated)).isEqualTo(expected);
    Map<String, List<String>> reordered = new LinkedHashMap<>();
    reordered.put("AccountSid", List.of("AC1"));
    reordered.put("MediaUrl", List.of("https://a.example", "https://b.example"));
    assertThat(validator.isValid(URL, reordered, expected)).isTrue();
  }

  @Test
  void noParametersSignsTheUrlAlone() throws Exception {
    assertThat(validator.signatureOf(URL, null)).isEqualTo(hmacSha1Base64(TOKEN, URL));
    assertThat(validator.signatureOf(URL, Map.of())).isEqualTo(hmacSha1Base64(TOKEN, URL));
  }

  @Test
  void needsAnAuthToken() {
    assertThatThrownBy(() -> new TwilioSignatureValidator(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TwilioSignatureValidator(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String referenceSignature(String token, String url, Map<String, String> params) {
    try {
      StringBuilder data = new StringBuilder(url);
      params.keySet().stream().sorted().forEach(k -> data.append(k).append(params.get(k)));
      return hmacSha1Base64(token, data.toString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hmacSha1Base64(String key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
  }
}
