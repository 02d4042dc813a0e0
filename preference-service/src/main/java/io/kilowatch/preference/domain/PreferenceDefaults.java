package io.kilowatch.preference.domain;

import static io.kilowatch.channel.Channel.EMAIL;
import static io.kilowatch.channel.Channel.PUSH;
import static io.kilowatch.channel.Channel.SMS;

import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What applies to a customer who has set nothing (and to each part they leave out when they save
 * their preferences). Immutable and thread-safe.
 *
 * <ul>
 *   <li>Locale and time zone: from configuration ({@code en-GB}, {@code Europe/London}).
 *   <li>No quiet hours.
 *   <li>Channels: usage, cost, price and outage by SMS, then push, then email; billing by email,
 *       then SMS, then push; marketing by email only. Webhooks only where the customer asks for
 *       them. No opt-outs.
 *   <li>Caps: at most 3 SMS, 10 emails and 20 pushes a day; webhooks and the week uncapped;
 *       marketing on its own at most 2 a week.
 *   <li>Critical (bypasses quiet hours and caps, never an opt-out): outage messages sent with
 *       critical priority; see {@link Category#mayBeCritical()}.
 * </ul>
 */
public final class PreferenceDefaults {
  /** The standard overall caps. */
  public static final Caps CAPS = new Caps(Map.of(SMS, 3, EMAIL, 10, PUSH, 20), null);

  private static final Map<Category, CategoryPreference> CATEGORIES;

  static {
    Map<Category, CategoryPreference> m = new EnumMap<>(Category.class);
    m.put(Category.USAGE, CategoryPreference.of(SMS, PUSH, EMAIL));
    m.put(Category.COST, CategoryPreference.of(SMS, PUSH, EMAIL));
    m.put(Category.PRICE, CategoryPreference.of(SMS, PUSH, EMAIL));
    m.put(Category.OUTAGE, CategoryPreference.of(SMS, PUSH, EMAIL));
    m.put(Category.BILLING, CategoryPreference.of(EMAIL, SMS, PUSH));
    m.put(Category.MARKETING, CategoryPreference.of(EMAIL).withCaps(new Caps(Map.of(), 2)));
    CATEGORIES = Collections.unmodifiableMap(m);
  }

  private final Locale locale;
  private final ZoneId timeZone;

  public PreferenceDefaults(Locale locale, ZoneId timeZone) {
    this.locale = Objects.requireNonNull(locale, "locale");
    this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
  }

  public Locale locale() {
    return locale;
  }

  public ZoneId timeZone() {
    return timeZone;
  }

  /** The default preference for a category. */
  public static CategoryPreference category(Category category) {
    return CATEGORIES.get(category);
  }

  /** Default channels of every category, in {@link Category} order. */
  public static Map<Category, CategoryPreference> categories() {
    return CATEGORIES;
  }

  /** The preferences of a customer who has set nothing. */
  public Preferences of(String customerId) {
    return new Preferences(customerId, locale, timeZone, null, CATEGORIES, CAPS, null);
  }
}
