package io.kilowatch.consent.application;

import io.kilowatch.consent.application.port.out.SubjectKeyStore;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subject hash: HMAC-SHA256 of a customer id under a server secret, as lower-case hex. It names
 * an erased person in the suppression list, the pseudonymised ledger, the audit log and the
 * receipts, so that a late event for them can be recognised without keeping their id. Without the
 * secret the hash cannot be reversed by trying candidate ids. Thread-safe.
 */
@Context
public class SubjectHasher {
  private static final Logger LOG = LoggerFactory.getLogger(SubjectHasher.class);
  private static final String ALGORITHM = "HmacSHA256";

  /** Keeps customer-id hashes apart from any other use of the same key. */
  private static final byte[] DOMAIN = "kilowatch:customer:".getBytes(StandardCharsets.UTF_8);

  private final ConsentSettings settings;
  private final SubjectKeyStore keys;
  private final Clock clock;
  private volatile SecretKeySpec key;
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  SubjectHasher(ConsentSettings settings, SubjectKeyStore keys, Clock clock) {
    this.settings = settings;
    this.keys = keys;
    this.clock = clock;
  }

  @PostConstruct
  void resolveKey() {
    String secret = settings.getSubjectHashSecret();
    if (secret == null) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      secret = keys.loadOrCreate(HexFormat.of().formatHex(random), clock.instant());
      LOG.warn(
          "kilowatch.consent.subject-hash-secret is not set: using the key stored in"
              + " consent.subject_key. Configure a secret kept outside the database in"
              + " production.");
    }
    key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /** The subject hash of the customer id: 64 lower-case hex digits. */
  public String hash(String customerId) {
    Objects.requireNonNull(customerId, "customerId");
    Mac mac = macs.get();
    mac.update(DOMAIN);
    return HexFormat.of().formatHex(mac.doFinal(customerId.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * A key for another purpose derived from the subject-hash key (HMAC of a label), so that a module
   * secret that is not configured is still stable across restarts and instances without reusing the
   * subject-hash key itself.
   */
  public byte[] derivedKey(String label) {
    Objects.requireNonNull(label, "label");
    Mac mac = macs.get();
    mac.update("kilowatch:derived-key:".getBytes(StandardCharsets.UTF_8));
    return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(Objects.requireNonNull(key, "subject hash key not resolved"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
