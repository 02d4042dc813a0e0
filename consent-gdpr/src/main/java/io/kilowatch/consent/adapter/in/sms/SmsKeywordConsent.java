package io.kilowatch.consent.adapter.in.sms;

import io.kilowatch.channel.Channel;
import io.kilowatch.channel.ContactDirectory;
import io.kilowatch.channel.sms.InboundKeyword;
import io.kilowatch.channel.sms.InboundSmsListener;
import io.kilowatch.consent.ConsentEvidence;
import io.kilowatch.consent.application.ConsentService;
import io.kilowatch.consent.domain.Purpose;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS keywords texted to our Twilio numbers change SMS consent of every customer with the sender's
 * number as a verified contact point (looked up through {@link ContactDirectory}, which
 * preference-service implements):
 *
 * <ul>
 *   <li>opt-out (STOP, UNSUBSCRIBE, ...): withdraws {@code service} and {@code marketing} by SMS.
 *       Carriers and Twilio treat STOP as "nothing more from this number" (Twilio refuses further
 *       messages with error 21610), so service alerts by SMS stop too; the customer's other
 *       channels are untouched.
 *   <li>opt-in (START, UNSTOP, YES): grants {@code service} by SMS again. Marketing by SMS is not
 *       restored: texting START is not the informed, specific opt-in marketing needs; the customer
 *       opts in again on the web or in the app (ADR 0011).
 *   <li>HELP, INFO: nothing is recorded. Twilio answers the keyword itself with the account's help
 *       text (Advanced Opt-Out); our webhook answers empty TwiML.
 * </ul>
 *
 * Evidence: source {@code sms-keyword}, the phone number as channel identity, the keyword as text
 * version, the time of receipt, and as reference the MessageSid with purpose and customer (so a
 * redelivered webhook records nothing twice). All changes of one keyword commit together, before
 * the webhook is answered. A number nobody has verified changes nothing (logged by MessageSid
 * only).
 */
@Singleton
@Requires(beans = ContactDirectory.class)
public class SmsKeywordConsent implements InboundSmsListener {
  private static final Logger LOG = LoggerFactory.getLogger(SmsKeywordConsent.class);

  private final ContactDirectory directory;
  private final ConsentService consents;

  SmsKeywordConsent(ContactDirectory directory, ConsentService consents) {
    this.directory = directory;
    this.consents = consents;
  }

  @Override
  @Transactional
  public void onKeyword(InboundKeyword keyword) {
    if (keyword.type() == InboundKeyword.Type.HELP) {
      LOG.info("SMS {} asks for help; Twilio answers it, no consent change", keyword.messageSid());
      return;
    }
    List<String> customers = directory.customersAt(Channel.SMS, keyword.from());
    if (customers.isEmpty()) {
      LOG.info(
          "SMS {} ({}) is from a number no customer verified; nothing recorded",
          keyword.messageSid(),
          keyword.type());
      return;
    }
    for (String customerId : customers) {
      if (keyword.type() == InboundKeyword.Type.OPT_OUT) {
        consents.withdraw(
            customerId, "service", "sms", evidence(keyword, Purpose.SERVICE, customerId));
        consents.withdraw(
            customerId, "marketing", "sms", evidence(keyword, Purpose.MARKETING, customerId));
      } else {
        consents.grant(
            customerId, "service", "sms", evidence(keyword, Purpose.SERVICE, customerId));
      }
    }
    LOG.info(
        "SMS {} ({}) recorded for {} customer(s)",
        keyword.messageSid(),
        keyword.type(),
        customers.size());
  }

  private static ConsentEvidence evidence(
      InboundKeyword keyword, Purpose purpose, String customerId) {
    ConsentEvidence base =
        ConsentEvidence.smsKeyword(
            keyword.keyword().isEmpty() ? keyword.type().name() : keyword.keyword(),
            keyword.from(),
            keyword.messageSid(),
            keyword.receivedAt());
    return new ConsentEvidence(
        base.source(),
        base.actor(),
        base.ipOrIdentity(),
        base.textVersion(),
        base.occurredAt(),
        keyword.messageSid() + "/" + purpose.wireName() + "/" + customerId);
  }
}
