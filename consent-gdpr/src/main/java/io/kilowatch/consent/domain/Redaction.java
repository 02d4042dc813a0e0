package io.kilowatch.consent.domain;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes a person's known identifiers (customer id, phone numbers, email addresses, ...) from free
 * text that must outlive their erasure, such as a staff member's reason. Exact occurrences are
 * replaced, ignoring case; a phone number in E.164 is also found without its {@code +}. Identifiers
 * shorter than {@value #MIN_LENGTH} characters are left alone, since they would mangle unrelated
 * words. Free text can name a person in ways no list of identifiers catches: staff are told not to
 * put personal data in reasons, and this is the safety net, not the rule.
 */
public final class Redaction {
  public static final String MARK = "[erased]";
  static final int MIN_LENGTH = 3;

  private Redaction() {}

  /** The text with every occurrence of the identifiers replaced by {@link #MARK}; null for null. */
  public static String redact(String text, Collection<String> identifiers) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    Set<String> forms = new LinkedHashSet<>();
    for (String id : identifiers) {
      if (id == null || id.length() < MIN_LENGTH) {
        continue;
      }
      forms.add(id);
      if (id.startsWith("+") && id.length() > MIN_LENGTH) {
        forms.add(id.substring(1));
      }
    }
    String out = text;
    // longest first, so an identifier inside another (a customer id inside an email) leaves no part
    for (String form :
        forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
      out =
          Pattern.compile(Pattern.quote(form), Pattern.CASE_INSENSITIVE)
              .matcher(out)
              .replaceAll(Matcher.quoteReplacement(MARK));
    }
    return out;
  }
}
