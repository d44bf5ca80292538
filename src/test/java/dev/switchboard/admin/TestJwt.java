package dev.switchboard.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Signs the tests' own admin JWTs (RS256) with a key pair made for the test run. The pair is kept in target/ so the
 * test profile (which configures the public key) and the tests (which sign) use the same one, whichever class loader
 * reads it.
 */
public final class TestJwt {

  public static final String ISSUER = "https://login.switchboard.test";
  private static final Path DIR = Path.of("target", "test-jwt");

  private TestJwt() {
  }

  /** The public key as PEM, for mp.jwt.verify.publickey. */
  public static synchronized String publicKeyPem() {
    ensureKeys();
    return read("public.pem");
  }

  public static String token(String subject, List<String> groups) {
    return token(subject, groups, ISSUER, Instant.now().plusSeconds(300), privateKey());
  }

  public static String token(String subject, List<String> groups, String issuer, Instant expires, PrivateKey key) {
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    String claims = "{\"sub\":\"" + subject + "\",\"iss\":\"" + issuer + "\",\"iat\":" + Instant.now().minusSeconds(5).getEpochSecond()
        + ",\"exp\":" + expires.getEpochSecond() + ",\"groups\":["
        + groups.stream().map(g -> "\"" + g + "\"").collect(Collectors.joining(",")) + "]}";
    String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + b64(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A key nobody configured: tokens it signs must be refused. */
  public static PrivateKey strangerKey() {
    return newPair().getPrivate();
  }

  static synchronized PrivateKey privateKey() {
    ensureKeys();
    try {
      byte[] der = Base64.getDecoder().decode(read("private.b64"));
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void ensureKeys() {
    if (Files.exists(DIR.resolve("private.b64"))) {
      return;
    }
    KeyPair pair = newPair();
    String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    try {
      Files.createDirectories(DIR);
      Files.writeString(DIR.resolve("public.pem"), pem);
      Files.writeString(DIR.resolve("private.b64"), Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static KeyPair newPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(String name) {
    try {
      return Files.readString(DIR.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
