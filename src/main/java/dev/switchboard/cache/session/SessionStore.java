package dev.switchboard.cache.session;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.cache.CacheNamespaces;
import dev.switchboard.cache.CacheService;
import dev.switchboard.support.Digests;
import io.smallrye.mutiny.Uni;

/**
 * Sessions in the {@code session} namespace, living {@code switchboard.cache.ttl.session} (30 min) after their last
 * write or {@link #touch}. The key is the SHA-256 of the session id ({@code <prefix>:cache:session:<sha-256>}), so
 * whoever reads Redis cannot take over a session; the id itself is 32 random bytes, base64url.
 */
@ApplicationScoped
public class SessionStore {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final CacheService cache;
  private final Duration ttl;

  public SessionStore(CacheService cache, CacheNamespaces namespaces) {
    this.cache = cache;
    this.ttl = namespaces.of(CacheNamespaces.SESSION).ttl();
  }

  /** A new session holding {@code data}; answers its id. */
  public Uni<String> create(Object data) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return set(id, data).replaceWith(id);
  }

  public Uni<Void> set(String id, Object data) {
    return this.cache.set(CacheNamespaces.SESSION, key(id), data, this.ttl);
  }

  public Uni<Void> set(String id, Object data, Duration ttl) {
    return this.cache.set(CacheNamespaces.SESSION, key(id), data, ttl);
  }

  public <T> Uni<Optional<T>> get(String id, Class<T> type) {
    return this.cache.get(CacheNamespaces.SESSION, key(id), type);
  }

  /** Restarts the session's TTL; false when there is no such session (it expired or was deleted). */
  public Uni<Boolean> touch(String id) {
    return this.cache.expire(CacheNamespaces.SESSION, key(id), this.ttl);
  }

  public Uni<Boolean> delete(String id) {
    return this.cache.delete(CacheNamespaces.SESSION, key(id));
  }

  private static String key(String id) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("session id must not be empty");
    }
    return Digests.sha256Hex(id);
  }
}
