package io.kilowatch.preference.application;

import io.kilowatch.channel.Channel;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.platform.web.NotFoundException;
import io.kilowatch.preference.application.port.in.NewContactPointCommand;
import io.kilowatch.preference.application.port.out.ContactPointStore;
import io.kilowatch.preference.application.port.out.CustomerLocks;
import io.kilowatch.preference.application.port.out.VerificationMessages;
import io.kilowatch.preference.application.port.out.VerificationStore;
import io.kilowatch.preference.domain.ContactPoint;
import io.kilowatch.preference.domain.PendingVerification;
import io.kilowatch.preference.domain.VerificationOutcome;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Adds, lists, verifies and removes contact points, always within one customer's own. An id of
 * another customer's point behaves as one that does not exist. Thread-safe.
 *
 * <p>SMS numbers and email addresses start unverified with a six-digit code (double opt-in); until
 * the customer sends the code back they get nothing but that code. Each code is sent through {@link
 * VerificationMessages} (delivery sends template {@code account.verification-code} to that point
 * only), in the same transaction that stores its hash; only the hash is stored. Push tokens and
 * webhooks are verified when added (the registering app, or the party setting up the endpoint,
 * proves control). An admin may add an SMS number or email address as already verified ({@code
 * "verified": true}), which the audit log records.
 */
@Singleton
public class ContactPointService implements ContactPoints {
  private final ContactPointStore store;
  private final VerificationStore verifications;
  private final CustomerLocks locks;
  private final VerificationCodes codes;
  private final VerificationMessages messages;
  private final AuditTrail audit;
  private final PreferenceSettings settings;
  private final Clock clock;

  ContactPointService(
      ContactPointStore store,
      VerificationStore verifications,
      CustomerLocks locks,
      VerificationCodes codes,
      VerificationMessages messages,
      AuditTrail audit,
      PreferenceSettings settings,
      Clock clock) {
    this.store = store;
    this.verifications = verifications;
    this.locks = locks;
    this.codes = codes;
    this.messages = messages;
    this.audit = audit;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * A contact point with its pending verification, if any.
   *
   * @param point the point
   * @param pending its pending code (never the code itself), or null
   */
  public record Listed(ContactPoint point, PendingVerification pending) {}

  /**
   * The result of adding.
   *
   * @param created false when the customer already had the address; it is returned unchanged
   *     (unless an admin asserted it verified)
   */
  public record Added(ContactPoint point, PendingVerification pending, boolean created) {}

  /**
   * The result of checking a code; only {@code VERIFIED} changed the point. A wrong code was
   * counted (and committed) even though the caller answers with an error.
   */
  public record Verification(
      VerificationOutcome outcome, ContactPoint point, PendingVerification pending) {}

  /**
   * Adds a contact point, or returns the customer's existing one for the same address.
   *
   * @throws InvalidInputException 403 on {@code verified} when a non-admin asserts verification;
   *     422 on {@code contactPoints} when the customer already has the maximum number
   */
  @Transactional
  public Added add(Actor actor, String customerId, NewContactPointCommand command) {
    if (command.verifiedAsserted() && !actor.isAdmin()) {
      throw new InvalidInputException(
          HttpStatus.FORBIDDEN,
          List.of(
              new FieldError(
                  "verified", "only an admin may add a contact point as already verified")));
    }
    locks.lock(customerId);
    Instant now = now();
    var existing = store.find(customerId, command.channel(), command.address());
    if (existing.isPresent()) {
      ContactPoint point = existing.get();
      if (!point.verified() && command.verifiedAsserted()) {
        ContactPoint verified = point.verifiedAt(now);
        store.markVerified(point.id(), now);
        verifications.delete(point.id());
        audit.changed(
            actor,
            customerId,
            AuditActions.CONTACT_POINT_VERIFY,
            point.id().toString(),
            document(point, null),
            document(verified, null),
            point.channel().wireName() + " contact point verified by an admin's assertion");
        return new Added(verified, null, false);
      }
      audit.read(
          actor,
          customerId,
          AuditActions.CONTACT_POINTS_READ,
          point.id().toString(),
          "asked to add a " + point.channel().wireName() + " contact point that already exists");
      return new Added(point, verifications.find(point.id()).orElse(null), false);
    }
    int max = settings.getMaxContactPointsPerCustomer();
    if (store.count(customerId) >= max) {
      throw new InvalidInputException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          List.of(
              new FieldError(
                  "contactPoints",
                  "the maximum of " + max + " contact points is reached; remove one first")));
    }
    boolean verified =
        !ContactPoint.needsVerification(command.channel()) || command.verifiedAsserted();
    ContactPoint point =
        new ContactPoint(
            UUID.randomUUID(),
            customerId,
            command.channel(),
            command.address(),
            verified,
            now,
            command.platform(),
            verified ? now : null);
    store.insert(point);
    PendingVerification pending = null;
    String how;
    if (verified) {
      how =
          command.verifiedAsserted() ? "verified by an admin's assertion" : "verified on creation";
    } else {
      pending = issueCode(point, now);
      how = "verification code issued";
    }
    audit.changed(
        actor,
        customerId,
        AuditActions.CONTACT_POINT_ADD,
        point.id().toString(),
        null,
        document(point, null),
        "added " + point.channel().wireName() + " contact point, " + how);
    return new Added(point, pending, true);
  }

  /** The customer's contact points, oldest first. */
  @Transactional
  public List<Listed> list(Actor actor, String customerId) {
    List<Listed> points =
        store.all(customerId).stream()
            .map(p -> new Listed(p, p.verified() ? null : verifications.find(p.id()).orElse(null)))
            .toList();
    audit.read(
        actor,
        customerId,
        AuditActions.CONTACT_POINTS_READ,
        null,
        "listed " + points.size() + " contact points");
    return points;
  }

  /**
   * @throws NotFoundException when the point does not exist or is another customer's
   */
  @Transactional
  public void remove(Actor actor, String customerId, UUID id) {
    ContactPoint point = store.findById(customerId, id).orElseThrow(ContactPointService::notFound);
    store.delete(customerId, id);
    audit.changed(
        actor,
        customerId,
        AuditActions.CONTACT_POINT_DELETE,
        id.toString(),
        document(point, null),
        null,
        "removed " + point.channel().wireName() + " contact point");
  }

  @Override
  @Transactional
  public void retire(String customerId, Channel channel, String address, String reason) {
    store
        .find(customerId, channel, address)
        .ifPresent(
            point -> {
              store.delete(customerId, point.id());
              audit.changed(
                  new Actor("system:delivery", java.util.Set.of(), reason),
                  customerId,
                  AuditActions.CONTACT_POINT_DELETE,
                  point.id().toString(),
                  document(point, null),
                  null,
                  "retired " + channel.wireName() + " contact point: " + reason);
            });
  }

  /**
   * Checks a verification code. A point that is already verified stays so (outcome {@code
   * VERIFIED}, nothing changes).
   *
   * @throws NotFoundException when the point does not exist or is another customer's
   * @throws InvalidInputException 400 on {@code code} when it is not six digits (not counted as an
   *     attempt); 409 on {@code code} when no code is pending
   */
  @Transactional
  public Verification verify(Actor actor, String customerId, UUID id, String code) {
    ContactPoint point = store.findById(customerId, id).orElseThrow(ContactPointService::notFound);
    if (point.verified()) {
      return new Verification(VerificationOutcome.VERIFIED, point, null);
    }
    if (!PendingVerification.isWellFormed(code)) {
      throw InvalidInputException.of("code", "must be the six digits we sent");
    }
    PendingVerification pending =
        verifications
            .findForUpdate(id)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        HttpStatus.CONFLICT,
                        List.of(new FieldError("code", "no code is pending; ask for a new one"))));
    Instant now = now();
    int max = settings.getMaxVerificationAttempts();
    VerificationOutcome outcome = pending.check(code, now, max);
    switch (outcome) {
      case VERIFIED -> {
        ContactPoint verified = point.verifiedAt(now);
        store.markVerified(id, now);
        verifications.delete(id);
        audit.changed(
            actor,
            customerId,
            AuditActions.CONTACT_POINT_VERIFY,
            id.toString(),
            document(point, pending),
            document(verified, null),
            point.channel().wireName() + " contact point verified with its code");
        return new Verification(outcome, verified, null);
      }
      case WRONG_CODE -> {
        PendingVerification counted = pending.withFailedAttempt();
        verifications.recordFailedAttempt(id);
        audit.changed(
            actor,
            customerId,
            AuditActions.CONTACT_POINT_VERIFY_FAILED,
            id.toString(),
            null,
            null,
            "wrong verification code; " + counted.attemptsLeft(max) + " attempts left");
        return new Verification(outcome, point, counted);
      }
      default -> {
        return new Verification(outcome, point, pending);
      }
    }
  }

  /**
   * Issues a new code for an unverified point, replacing the old one (and its attempts).
   *
   * @throws NotFoundException when the point does not exist or is another customer's
   * @throws InvalidInputException 409 on {@code id} when the point needs no code; 429 on {@code id}
   *     when the last code is younger than the cool-down
   */
  @Transactional
  public PendingVerification resendCode(Actor actor, String customerId, UUID id) {
    ContactPoint point = store.findById(customerId, id).orElseThrow(ContactPointService::notFound);
    if (point.verified()) {
      throw new InvalidInputException(
          HttpStatus.CONFLICT,
          List.of(new FieldError("id", "the contact point is already verified")));
    }
    Instant now = now();
    var previous = verifications.findForUpdate(id);
    if (previous.isPresent()) {
      Instant allowedFrom = previous.get().issuedAt().plus(settings.getResendCooldown());
      if (now.isBefore(allowedFrom)) {
        throw new InvalidInputException(
            HttpStatus.TOO_MANY_REQUESTS,
            List.of(new FieldError("id", "a new code can be requested from " + allowedFrom)));
      }
    }
    PendingVerification pending = issueCode(point, now);
    audit.changed(
        actor,
        customerId,
        AuditActions.CONTACT_POINT_RESEND_CODE,
        id.toString(),
        null,
        null,
        "new verification code issued for " + point.channel().wireName() + " contact point");
    return pending;
  }

  /** A new code for the point: its hash stored, the code itself sent to the point. */
  private PendingVerification issueCode(ContactPoint point, Instant now) {
    String code = codes.next();
    PendingVerification pending =
        PendingVerification.issue(point.id(), code, now, settings.getVerificationCodeTtl());
    verifications.save(pending);
    messages.send(point, code, pending.expiresAt(), now);
    return pending;
  }

  @Override
  @Transactional(readOnly = true)
  public List<ContactPoint> verified(String customerId, Channel channel) {
    return store.verified(customerId, channel);
  }

  @Override
  @Transactional(readOnly = true)
  public List<String> customersAt(Channel channel, String address) {
    return io.kilowatch.preference.domain.ContactAddress.normalise(channel, address)
        .map(normalised -> store.customersWithVerified(channel, normalised))
        .orElse(List.of());
  }

  /** The JSON form of a point. */
  public Map<String, Object> document(ContactPoint point, PendingVerification pending) {
    return ContactPointDocument.of(point, pending, settings.getMaxVerificationAttempts());
  }

  private static NotFoundException notFound() {
    return new NotFoundException("contact point");
  }

  /** PostgreSQL keeps microseconds: what we return must equal what we read back. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
