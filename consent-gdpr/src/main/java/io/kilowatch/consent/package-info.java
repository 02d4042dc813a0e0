/**
 * Consent and GDPR: the consent ledger, the consent gate every notification passes, data-subject
 * export and erasure across all modules, retention and the audit log of staff actions.
 *
 * <p>This base package is the module's public face; other modules use only the types here:
 *
 * <ul>
 *   <li>{@link io.kilowatch.consent.ConsentGate}: may this message go out? (delivery, per message)
 *   <li>{@link io.kilowatch.consent.ConsentCommands}: record a grant or withdrawal (SMS STOP/START,
 *       email unsubscribe)
 *   <li>{@link io.kilowatch.consent.ErasedSubjects}: was this person erased? (any module that would
 *       otherwise create data for a late event)
 *   <li>{@link io.kilowatch.consent.AuditLog}: record a staff action on personal data
 *   <li>{@link io.kilowatch.platform.gdpr.RetentionPolicy} (in the platform since ADR 10): how long
 *       each data type is kept
 * </ul>
 *
 * <p>Modules take part in export and erasure by implementing the platform's {@code
 * io.kilowatch.platform.gdpr.PersonalDataContributor}, not through this package. Everything in the
 * sub-packages is internal to the module.
 */
package io.kilowatch.consent;
