package io.kilowatch.consent;

import java.util.Objects;

/**
 * The consent gate's answer for one message. Immutable.
 *
 * @param allowed whether the message may be sent
 * @param purpose the purpose the message serves: {@code service}, {@code marketing} or {@code
 *     analytics}
 * @param lawfulBasis the GDPR Art. 6(1) ground it is sent on: {@code consent}, {@code contract} or
 *     {@code legitimate-interest}
 * @param reason why it is refused ({@link #WITHDRAWN}, {@link #NO_CONSENT}, {@link #ERASED}); null
 *     when allowed
 */
public record ConsentDecision(boolean allowed, String purpose, String lawfulBasis, String reason) {
  /** The person withdrew consent (or objected) for the purpose on this channel or all channels. */
  public static final String WITHDRAWN = "withdrawn";

  /** The purpose needs an explicit opt-in and there is none. */
  public static final String NO_CONSENT = "no-consent";

  /** The person was erased: nothing is ever sent to them. */
  public static final String ERASED = "erased";

  public ConsentDecision {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(lawfulBasis, "lawfulBasis");
    if (allowed != (reason == null)) {
      throw new IllegalArgumentException("an allowed decision has no reason; a refusal has one");
    }
  }

  public static ConsentDecision allow(String purpose, String lawfulBasis) {
    return new ConsentDecision(true, purpose, lawfulBasis, null);
  }

  public static ConsentDecision refuse(String purpose, String lawfulBasis, String reason) {
    return new ConsentDecision(false, purpose, lawfulBasis, Objects.requireNonNull(reason));
  }
}
