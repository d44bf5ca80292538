package dev.switchboard.cache;

import java.time.Duration;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JavaType;

import dev.switchboard.cache.CacheNamespaces.Namespace;
import io.smallrye.mutiny.Uni;

/**
 * One getOrSet load: the key, how to load and keep it, the stale payload that may be served (null: none) and the
 * SHA-1 of what was read last ("" for nothing), which the store of the loaded value compares against.
 */
record Load(Namespace ns, String full, JavaType type, Supplier<? extends Uni<?>> loader, Duration ttl, String stale, String readSha1) {

  /** The loader's next value (it is only ever called once per load). */
  @SuppressWarnings("unchecked")
  Uni<Object> load() {
    return (Uni<Object>) this.loader.get();
  }

  Load reading(String sha1) {
    return new Load(this.ns, this.full, this.type, this.loader, this.ttl, this.stale, sha1);
  }
}
