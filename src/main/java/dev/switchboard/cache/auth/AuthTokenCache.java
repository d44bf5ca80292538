package dev.switchboard.cache.auth;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.cache.CacheNamespaces;
import dev.switchboard.cache.CacheService;
import dev.switchboard.support.Digests;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Token → principal, so that a token (a JWT, an API token of the tenant registry) is verified once per TTL
 * ({@code switchboard.cache.ttl.auth}, 15 min) rather than per request. Keys are the SHA-256 of the token
 * ({@code <prefix>:cache:auth:<sha-256>}): Redis never holds a usable token. The namespace is in the in-process
 * level, and a revocation is a stored entry, not a delete: every replica drops its copy within milliseconds, and
 * a verifier that would still accept the token (a JWT is valid until it expires) is not asked again while the
 * revocation lives.
 */
@ApplicationScoped
public class AuthTokenCache {

  private final CacheService cache;

  public AuthTokenCache(CacheService cache) {
    this.cache = cache;
  }

  public Uni<Void> put(String token, CachedPrincipal principal, Duration ttl) {
    return this.cache.set(CacheNamespaces.AUTH, key(token), new AuthEntry(principal, false), ttl);
  }

  /** The principal of a cached, unrevoked token. */
  public Uni<Optional<CachedPrincipal>> get(String token) {
    return this.cache.get(CacheNamespaces.AUTH, key(token), AuthEntry.class).map(entry -> entry.map(AuthEntry::principal));
  }

  /**
   * The token's principal: cached, or from {@code verifier} (null: the token is invalid, remembered as such for the
   * TTL too). A revoked token answers empty without asking the verifier.
   */
  public Uni<Optional<CachedPrincipal>> resolve(String token, Supplier<Uni<CachedPrincipal>> verifier) {
    return this.cache.getOrSet(CacheNamespaces.AUTH, key(token), AuthEntry.class,
        () -> verifier.get().map(principal -> new AuthEntry(principal, false)))
        .map(result -> Optional.ofNullable(result.value()).map(AuthEntry::principal));
  }

  /** Revokes the token for the namespace TTL. */
  public Uni<Void> revoke(String token) {
    return revoke(token, null);
  }

  /** Revokes the token for {@code ttl} (at least what is left of its own validity). */
  public Uni<Void> revoke(String token, Duration ttl) {
    return this.cache.set(CacheNamespaces.AUTH, key(token), new AuthEntry(null, true), ttl)
        .invoke(() -> Log.infof("Revoked a cached token (sha-256 %s…)", key(token).substring(0, 12)));
  }

  private static String key(String token) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("token must not be empty");
    }
    return Digests.sha256Hex(token);
  }
}
