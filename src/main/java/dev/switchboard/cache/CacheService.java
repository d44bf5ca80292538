package dev.switchboard.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.switchboard.cache.CacheMetrics.Operation;
import dev.switchboard.cache.CacheNamespaces.Namespace;
import dev.switchboard.cache.local.Invalidations;
import dev.switchboard.cache.store.CacheBackend;
import dev.switchboard.cache.store.Globs;
import dev.switchboard.cache.store.Payloads;
import dev.switchboard.cache.store.Served;
import dev.switchboard.config.SwitchboardConfig;
import io.smallrye.mutiny.Uni;

/**
 * The cache: namespaced JSON values in Redis ({@code <prefix>:cache:<namespace>:<key>}), with an in-process level
 * for the namespaces that opt in and an in-memory fallback while Redis cannot be reached. Every method answers
 * without failing when Redis is down or slow (at most {@code switchboard.cache.redis-timeout} later); reads see only
 * fresh values, {@link #getOrSet} may also serve a stale one. A TTL of zero keeps an entry until deleted or evicted.
 */
@Singleton // no client proxy: its methods sit on the read path of every cache call
public class CacheService {

  private final CacheNamespaces namespaces;
  private final CacheCodec codec;
  private final CacheBackend backend;
  private final Invalidations invalidations;
  private final CacheReads reads;
  private final LoadCoordinator loads;
  private final CacheStatistics statistics;
  private final long tombstoneMillis;
  private final Duration scanTimeout;

  CacheService(CacheNamespaces namespaces, CacheCodec codec, CacheBackend backend, Invalidations invalidations, CacheReads reads,
      LoadCoordinator loads, CacheStatistics statistics, SwitchboardConfig config) {
    this.namespaces = namespaces;
    this.codec = codec;
    this.backend = backend;
    this.invalidations = invalidations;
    this.reads = reads;
    this.loads = loads;
    this.statistics = statistics;
    // a delete leaves a tombstone as long as a load that read before it may still run, so that load cannot put back the old value
    this.tombstoneMillis = config.cache().hardTimeout().toMillis() + 1000;
    this.scanTimeout = config.cache().hardTimeout();
  }

  public <T> Uni<Optional<T>> get(String namespace, String key, Class<T> type) {
    return this.reads.get(this.namespaces.of(namespace), key, this.codec.type(type));
  }

  public <T> Uni<Optional<T>> get(String namespace, String key, TypeReference<T> type) {
    return this.reads.get(this.namespaces.of(namespace), key, this.codec.type(type));
  }

  /** The cached value, or the loader's (stored with the namespace TTL); concurrent callers share one load, across replicas too. */
  public <T> Uni<CacheResult<T>> getOrSet(String namespace, String key, Class<T> type, Supplier<Uni<T>> loader) {
    return this.loads.getOrSet(this.namespaces.of(namespace), key, this.codec.type(type), loader, null);
  }

  public <T> Uni<CacheResult<T>> getOrSet(String namespace, String key, Class<T> type, Supplier<Uni<T>> loader, Duration ttl) {
    return this.loads.getOrSet(this.namespaces.of(namespace), key, this.codec.type(type), loader, ttl);
  }

  public <T> Uni<CacheResult<T>> getOrSet(String namespace, String key, TypeReference<T> type, Supplier<Uni<T>> loader, Duration ttl) {
    return this.loads.getOrSet(this.namespaces.of(namespace), key, this.codec.type(type), loader, ttl);
  }

  /** Stores the value with the namespace TTL. */
  public Uni<Void> set(String namespace, String key, Object value) {
    return set(namespace, key, value, null);
  }

  public Uni<Void> set(String namespace, String key, Object value, Duration ttl) {
    Namespace ns = this.namespaces.of(namespace);
    String full = ns.key(key);
    Duration effective = ns.ttlOr(ttl);
    String payload = this.codec.encode(value, logicalExpiry(effective));
    long px = redisExpiry(effective, ns.grace());
    io.vertx.redis.client.Request set = io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.SET).arg(full).arg(payload);
    Uni<Void> written = this.backend.command(px > 0 ? set.arg("PX").arg(px) : set, reply -> {
      this.reads.count(ns, true, false, Operation.SET);
      return null;
    }, redisFailed -> {
      this.backend.memory().set(full, payload, px);
      this.reads.count(ns, false, redisFailed, Operation.SET);
      return null;
    });
    return ns.local() ? written.chain(() -> this.invalidations.evict(full)) : written;
  }

  /** Deletes the entry (on every replica's in-process level too); true when there was one. */
  public Uni<Boolean> delete(String namespace, String key) {
    Namespace ns = this.namespaces.of(namespace);
    String full = ns.key(key);
    String tombstone = Payloads.TOMBSTONE + UUID.randomUUID().toString().substring(0, 8);
    return this.backend.run(redis -> redis.replace(full, tombstone, this.tombstoneMillis), () -> {
          String previous = this.backend.memory().get(full);
          this.backend.memory().set(full, tombstone, this.tombstoneMillis);
          this.backend.deletedDuringOutage(full, ns.keyPrefix());
          return previous;
        }).chain(served -> {
          count(ns, served, Operation.DELETE);
          return evictLocal(ns, full).replaceWith(CacheCodec.isValue(served.value()));
        });
  }

  /** True when a fresh value is cached. */
  public Uni<Boolean> exists(String namespace, String key) {
    return this.reads.exists(this.namespaces.of(namespace), key);
  }

  /** The fresh values of the keys that have one, in one round trip (per master on a cluster). */
  public <T> Uni<Map<String, T>> bulkGet(String namespace, Collection<String> keys, Class<T> type) {
    return this.reads.bulkGet(this.namespaces.of(namespace), List.copyOf(keys), this.codec.type(type));
  }

  /** Stores every value with one TTL, in one round trip (per master on a cluster). */
  public Uni<Void> bulkSet(String namespace, Map<String, ?> values, Duration ttl) {
    Namespace ns = this.namespaces.of(namespace);
    Duration effective = ns.ttlOr(ttl);
    long expiry = logicalExpiry(effective);
    long px = redisExpiry(effective, ns.grace());
    Map<String, String> payloads = new LinkedHashMap<>();
    values.forEach((key, value) -> payloads.put(ns.key(key), this.codec.encode(value, expiry)));
    return this.backend.run(redis -> redis.setAll(payloads, px), () -> {
      payloads.forEach((key, payload) -> this.backend.memory().set(key, payload, px));
      return null;
    }).chain(served -> {
      payloads.keySet().forEach(key -> count(ns, served, Operation.SET));
      return ns.local() ? evictAll(payloads.keySet()) : Uni.createFrom().voidItem();
    });
  }

  /** Adds {@code delta} to a counter; a new counter lives for the namespace TTL. */
  public Uni<Long> increment(String namespace, String key, long delta) {
    Namespace ns = this.namespaces.of(namespace);
    String full = ns.key(key);
    long px = redisExpiry(ns.ttl(), Duration.ZERO);
    return this.backend.run(redis -> redis.increment(full, delta, px), () -> this.backend.memory().increment(full, delta, px))
        .call(served -> evictLocal(ns, full)).invoke(served -> count(ns, served, Operation.SET)).map(Served::value);
  }

  /** Gives the entry a new TTL (zero: none); false when there is no entry. */
  public Uni<Boolean> expire(String namespace, String key, Duration ttl) {
    Namespace ns = this.namespaces.of(namespace);
    String full = ns.key(key);
    long expiry = logicalExpiry(ttl);
    long px = redisExpiry(ttl, ns.grace());
    return this.backend.run(redis -> redis.expire(full, expiry, px), () -> this.backend.memory().expire(full, expiry, px))
        .call(served -> evictLocal(ns, full)).map(Served::value);
  }

  /** Deletes every entry of the namespace (SCAN + UNLINK on every master, never KEYS); returns how many. */
  public Uni<Long> flush(String namespace) {
    Namespace ns = this.namespaces.of(namespace);
    String prefix = ns.keyPrefix();
    return this.backend.run(redis -> redis.deleteMatching(Globs.escape(prefix) + "*"), () -> {
      long removed = this.backend.memory().deleteMatching(prefix);
      this.backend.flushedDuringOutage(prefix);
      return removed;
    }, this.scanTimeout).call(served -> this.invalidations.evictPrefix(prefix)).map(Served::value);
  }

  /** Keys per namespace (a SCAN of every master: for operators) and this replica's operation counts. */
  public Uni<CacheStats> stats() {
    return this.statistics.stats();
  }

  /** The in-process level and the fallback: entries, bounds, whether they serve, and the namespaces the former keeps. */
  public CacheLevels levels() {
    return this.statistics.levels();
  }

  /** Pings Redis now: {@code redis} and healthy, or {@code in-memory} and degraded (and a retry of Redis). */
  public Uni<CacheHealth> health() {
    return this.backend.probe().map(probe -> probe.redis()
        ? new CacheHealth("healthy", CacheHealth.REDIS, probe.latencyMs(), null)
        : new CacheHealth("degraded", CacheHealth.IN_MEMORY, null, probe.error()));
  }

  private Uni<Void> evictLocal(Namespace ns, String full) {
    return ns.local() ? this.invalidations.evict(full) : Uni.createFrom().voidItem();
  }

  private Uni<Void> evictAll(Collection<String> keys) {
    List<Uni<Void>> evictions = new ArrayList<>();
    keys.forEach(key -> evictions.add(this.invalidations.evict(key)));
    return Uni.join().all(evictions).andCollectFailures().replaceWithVoid();
  }

  private void count(Namespace ns, Served<?> served, Operation operation) {
    this.reads.count(ns, served, operation);
  }

  static long logicalExpiry(Duration ttl) {
    return ttl == null || ttl.isZero() || ttl.isNegative() ? 0 : System.currentTimeMillis() + ttl.toMillis();
  }

  /** Redis keeps an entry for its TTL plus the grace in which it may be served stale; no TTL, no expiry. */
  static long redisExpiry(Duration ttl, Duration grace) {
    return ttl == null || ttl.isZero() || ttl.isNegative() ? 0 : ttl.toMillis() + grace.toMillis();
  }
}
