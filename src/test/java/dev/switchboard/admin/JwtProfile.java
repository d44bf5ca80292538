package dev.switchboard.admin;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The service with admin JWTs on: the test key pair's public key and issuer (the static admin token stays set). */
public class JwtProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("mp.jwt.verify.publickey", TestJwt.publicKeyPem(), "mp.jwt.verify.issuer", TestJwt.ISSUER);
  }
}
