package dev.switchboard.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for secrets at rest. A ciphertext is {@code <key id>:<base64(12-byte IV | ciphertext | 128-bit tag)>}:
 * the key id says which key of the ring opens it, so keys rotate without a flag day. The caller's context (for
 * example the tenant id) is bound as additional authenticated data, so a ciphertext copied to another record does
 * not decrypt there. A fresh random IV per encryption: GCM must never see one IV twice under a key.
 */
public final class SecretCipher {

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyRing keys;

  public SecretCipher(KeyRing keys) {
    this.keys = keys;
  }

  public KeyRing keys() {
    return this.keys;
  }

  /** Encrypts under the active key; fails when none is configured. */
  public String encrypt(String plaintext, String context) {
    String id = this.keys.activeId().orElseThrow(() -> new SecretException(KeyRing.missingKeyMessage("Cannot encrypt")));
    SecretKey key = this.keys.key(id).orElseThrow();
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return id + ":" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new SecretException("AES-GCM encryption failed: " + e.getClass().getSimpleName());
    }
  }

  /** Decrypts with the key the ciphertext names; fails when that key is not configured or the text was altered. */
  public String decrypt(String ciphertext, String context) {
    String id = keyId(ciphertext);
    SecretKey key = this.keys.key(id).orElseThrow(() -> new SecretException("encrypted under key " + id + ", which is not configured"));
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(ciphertext.substring(id.length() + 1));
    } catch (IllegalArgumentException e) {
      throw new SecretException("the ciphertext is not valid base64");
    }
    if (blob.length < IV_BYTES + TAG_BITS / 8) {
      throw new SecretException("the ciphertext is too short");
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 0, IV_BYTES));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(blob, IV_BYTES, blob.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new SecretException("the ciphertext does not decrypt under key " + id + " (altered, or another record's)");
    }
  }

  /** The id of the key a ciphertext was written under. */
  public static String keyId(String ciphertext) {
    int colon = ciphertext == null ? -1 : ciphertext.indexOf(':');
    if (colon <= 0) {
      throw new SecretException("the ciphertext has no key id");
    }
    return ciphertext.substring(0, colon);
  }

  /** Whether a ciphertext is written under the active key already. */
  public boolean isCurrent(String ciphertext) {
    return this.keys.activeId().map(id -> id.equals(keyId(ciphertext))).orElse(false);
  }

  /** A secret that cannot be encrypted or decrypted; its message never contains the secret. */
  public static final class SecretException extends RuntimeException {
    public SecretException(String message) {
      super(message, null, false, false);
    }
  }
}
