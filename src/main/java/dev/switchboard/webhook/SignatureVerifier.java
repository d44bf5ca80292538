package dev.switchboard.webhook;

import java.security.MessageDigest;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.support.Digests;

/**
 * Checks {@code X-Hub-Signature-256: sha256=<hex>}: HMAC-SHA256 of the raw request bytes with the app secret.
 * Several secrets may be configured during a rotation; each is tried, always all of them, and digests are compared
 * in constant time. Never re-serialise the body: Meta signs its own escaped bytes. Each thread (event loop) keeps
 * its own initialised Mac per secret, so a delivery costs the HMAC and no provider look-up.
 */
@ApplicationScoped
public class SignatureVerifier {

  static final String PREFIX = "sha256=";
  private static final int DIGEST_LENGTH = 32;

  private final List<SecretKeySpec> keys;
  private final ThreadLocal<Mac[]> macs;

  @Inject
  public SignatureVerifier(SwitchboardConfig config) {
    this(config.webhook().appSecrets().orElse(List.of()));
  }

  SignatureVerifier(List<String> secrets) {
    List<String> usable = secrets.stream().map(String::trim).filter(secret -> !secret.isEmpty()).toList();
    if (usable.isEmpty()) {
      throw new IllegalStateException("switchboard.webhook.app-secrets has no secret: every delivery would be refused");
    }
    this.keys = usable.stream().map(Digests::hmacKey).toList();
    this.macs = ThreadLocal.withInitial(() -> this.keys.stream().map(Digests::newHmacSha256).toArray(Mac[]::new));
  }

  /** True when the header carries the signature of {@code body} under one of the configured secrets. */
  public boolean verify(byte[] body, String header) {
    if (header == null || header.length() != PREFIX.length() + 2 * DIGEST_LENGTH
        || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    byte[] presented = Digests.parseHex(header.substring(PREFIX.length()));
    if (presented == null) {
      return false;
    }
    boolean match = false;
    for (Mac mac : this.macs.get()) {
      match |= MessageDigest.isEqual(mac.doFinal(body), presented); // doFinal resets the Mac for the next delivery
    }
    return match;
  }

  /** The header value Meta would send for {@code body} signed with {@code secret} (tests, benchmarks). */
  public static String sign(String secret, byte[] body) {
    return PREFIX + Digests.hex(Digests.hmacSha256(Digests.hmacKey(secret), body));
  }
}
