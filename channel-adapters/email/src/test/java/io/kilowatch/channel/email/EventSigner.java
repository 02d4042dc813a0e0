package io.kilowatch.channel.email;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Signs event posts the way SendGrid does, with a key pair of the test's own. */
final class EventSigner {
  private final KeyPair keys;

  EventSigner(KeyPair keys) {
    this.keys = keys;
  }

  EventSigner() {
    this(newKeyPair());
  }

  static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  KeyPair keys() {
    return keys;
  }

  /** The verification key as SendGrid shows it: base64 DER. */
  String publicKey() {
    return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
  }

  /** Base64 DER ECDSA P-256 / SHA-256 over the timestamp followed by the body. */
  String sign(String timestamp, byte[] body) {
    try {
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(keys.getPrivate());
      signer.update(timestamp.getBytes(StandardCharsets.UTF_8));
      signer.update(body);
      return Base64.getEncoder().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  String sign(String timestamp, String body) {
    return sign(timestamp, body.getBytes(StandardCharsets.UTF_8));
  }
}
