package dev.switchboard.cache;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JavaType;

import dev.switchboard.cache.CacheMetrics.Operation;
import dev.switchboard.cache.CacheNamespaces.Namespace;
import dev.switchboard.cache.local.LocalEntry;
import dev.switchboard.cache.local.LocalLevel;
import dev.switchboard.cache.store.CacheBackend;
import dev.switchboard.cache.store.Payloads;
import dev.switchboard.cache.store.Served;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The read side of {@link CacheService}: fresh values only, from the in-process level first for the namespaces that
 * opt in (it also remembers absent keys there), then Redis or the fallback.
 */
@Singleton // no client proxy: its methods sit on the read path of every cache call
class CacheReads {

  private final CacheCodec codec;
  private final CacheBackend backend;
  private final LocalLevel local;
  private final CacheMetrics metrics;

  CacheReads(CacheCodec codec, CacheBackend backend, LocalLevel local, CacheMetrics metrics) {
    this.codec = codec;
    this.backend = backend;
    this.local = local;
    this.metrics = metrics;
  }

  <T> Uni<Optional<T>> get(Namespace ns, String key, JavaType type) {
    String full = ns.key(key);
    if (ns.local()) {
      LocalEntry entry = this.local.get(full);
      if (entry != null) {
        this.metrics.count(ns.tag(), false, entry.payload() == null ? Operation.MISS : Operation.HIT);
        return Uni.createFrom().item(Optional.ofNullable(entry.payload() == null ? null : LocalValues.valueOf(entry, type, this.codec)));
      }
    }
    long stamp = ns.local() ? this.local.stamp(full) : 0;
    return this.backend.read(full, (payload, fromRedis, redisFailed) -> {
      boolean fresh = CacheCodec.isFresh(payload, System.currentTimeMillis());
      count(ns, fromRedis, redisFailed, fresh ? Operation.HIT : Operation.MISS);
      T value = fresh ? decodeOrNull(ns, payload, type) : null;
      if (ns.local() && fromRedis && (value != null || !fresh)) {
        this.local.putIfUnchanged(full, stamp, fresh ? new LocalEntry(payload, Payloads.logicalExpiry(payload), value, type)
            : new LocalEntry(null, 0, null, type));
      }
      return Optional.ofNullable(value);
    });
  }

  Uni<Boolean> exists(Namespace ns, String key) {
    return this.backend.read(ns.key(key), (payload, fromRedis, redisFailed) -> CacheCodec.isFresh(payload, System.currentTimeMillis()));
  }

  <T> Uni<Map<String, T>> bulkGet(Namespace ns, List<String> keys, JavaType type) {
    List<String> full = keys.stream().map(ns::key).toList();
    return this.backend.readAll(full, (payloads, fromRedis, redisFailed) -> {
      Map<String, T> found = new LinkedHashMap<>();
      long now = System.currentTimeMillis();
      int hits = 0;
      for (int i = 0; i < keys.size(); i++) {
        String payload = payloads.get(i);
        T value = CacheCodec.isFresh(payload, now) ? decodeOrNull(ns, payload, type) : null;
        if (value != null) {
          found.put(keys.get(i), value);
          hits++;
        }
      }
      this.metrics.count(ns.tag(), fromRedis, Operation.HIT, hits);
      this.metrics.count(ns.tag(), fromRedis, Operation.MISS, keys.size() - hits);
      if (redisFailed) {
        this.metrics.count(ns.tag(), true, Operation.ERROR);
      }
      return found;
    });
  }

  /** A value that no longer reads as the type (a changed record) counts as an error and a miss, never as a failure. */
  private <T> T decodeOrNull(Namespace ns, String payload, JavaType type) {
    try {
      return this.codec.decode(payload, type);
    } catch (IllegalStateException e) {
      this.metrics.count(ns.tag(), true, Operation.ERROR);
      Log.debugf("Unreadable cache entry in %s: %s", ns.name(), e.getMessage());
      return null;
    }
  }

  void count(Namespace ns, Served<?> served, Operation operation) {
    count(ns, served.fromRedis(), served.redisFailed(), operation);
  }

  void count(Namespace ns, boolean fromRedis, boolean redisFailed, Operation operation) {
    this.metrics.count(ns.tag(), fromRedis, operation);
    if (redisFailed) {
      this.metrics.count(ns.tag(), true, Operation.ERROR);
    }
  }
}
