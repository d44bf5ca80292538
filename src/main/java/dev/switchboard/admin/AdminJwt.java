package dev.switchboard.admin;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies admin JWTs: RS256, signed by the key at {@code mp.jwt.verify.publickey.location} (a PEM or JWKS file, or a
 * JWKS URL) or given inline in {@code mp.jwt.verify.publickey}, issued by {@code mp.jwt.verify.issuer}. Group
 * {@code admin} acts, {@code viewer} reads. Off while no key is configured. Quarkus's own JWT mechanism is switched off
 * ({@code quarkus.smallrye-jwt.enabled=false}): it would take every Bearer token, tenants' API tokens included, for a
 * JWT; here only /admin requests are verified, and only tokens that are not the static one.
 */
@ApplicationScoped
public class AdminJwt {

  static final String ADMIN_GROUP = "admin";
  static final String VIEWER_GROUP = "viewer";

  private final Optional<DefaultJWTParser> parser;

  public AdminJwt(@ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation,
      @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> key,
      @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer) {
    Optional<String> location = keyLocation.filter(value -> !value.isBlank());
    Optional<String> inline = key.filter(value -> !value.isBlank());
    if (location.isEmpty() && inline.isEmpty()) {
      this.parser = Optional.empty();
      return;
    }
    JWTAuthContextInfo context = new JWTAuthContextInfo();
    location.ifPresent(context::setPublicKeyLocation);
    inline.ifPresent(context::setPublicKeyContent);
    issuer.filter(value -> !value.isBlank()).ifPresent(context::setIssuedBy);
    context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
    this.parser = Optional.of(new DefaultJWTParser(context));
  }

  public boolean isConfigured() {
    return this.parser.isPresent();
  }

  /**
   * The caller a valid token names, or empty when the token is not valid (signature, issuer, expiry). May load the key
   * (a file, a JWKS URL): call it on a worker thread.
   *
   * @throws NoRoleException a valid token with neither group
   */
  public Optional<AdminPrincipal> verify(String token) {
    if (this.parser.isEmpty()) {
      return Optional.empty();
    }
    JsonWebToken jwt;
    try {
      jwt = this.parser.get().parse(token);
    } catch (ParseException e) {
      return Optional.empty();
    }
    String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
    Set<String> groups = jwt.getGroups() == null ? Set.of() : jwt.getGroups();
    if (groups.contains(ADMIN_GROUP)) {
      return Optional.of(new AdminPrincipal(subject, AdminPrincipal.Role.ADMIN));
    }
    if (groups.contains(VIEWER_GROUP)) {
      return Optional.of(new AdminPrincipal(subject, AdminPrincipal.Role.VIEWER));
    }
    throw new NoRoleException(subject);
  }

  /** A valid token whose groups hold neither admin nor viewer. */
  public static final class NoRoleException extends RuntimeException {

    NoRoleException(String subject) {
      super("token of " + subject + " has neither group admin nor viewer", null, false, false);
    }
  }
}
