package dev.switchboard.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hashing helpers: lowercase hex digests and HMAC-SHA256, on bytes. */
public final class Digests {

  public static final String HMAC_SHA256 = "HmacSHA256";

  private static final HexFormat HEX = HexFormat.of();
  // one per thread: MessageDigest.getInstance looks the provider up each time, and every stored message hashes its id
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  private Digests() {
  }

  /** Lowercase hex SHA-256 of the UTF-8 bytes of {@code value}. */
  public static String sha256Hex(String value) {
    return HEX.formatHex(sha256(value.getBytes(StandardCharsets.UTF_8)));
  }

  public static byte[] sha256(byte[] value) {
    return SHA256.get().digest(value); // digest() resets it for the next call on this thread
  }

  /** A key for {@link #hmacSha256(SecretKeySpec, byte[])}, made once per secret. */
  public static SecretKeySpec hmacKey(String secret) {
    return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC_SHA256);
  }

  public static byte[] hmacSha256(SecretKeySpec key, byte[] message) {
    return newHmacSha256(key).doFinal(message);
  }

  /**
   * An HMAC-SHA256 initialised with {@code key}, for callers that sign often: {@code Mac.getInstance} looks the
   * provider up each time, while {@code doFinal} leaves the Mac reset and ready for the next message. Not
   * thread-safe: keep one per thread.
   */
  public static Mac newHmacSha256(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance(HMAC_SHA256);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** The bytes of a hex string (either case), or null when it is not one. */
  public static byte[] parseHex(String hex) {
    if (hex == null || hex.isEmpty() || (hex.length() & 1) != 0) {
      return null;
    }
    try {
      return HEX.parseHex(hex);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
