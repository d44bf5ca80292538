package dev.switchboard.cache;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JavaType;

import dev.switchboard.cache.CacheMetrics.Operation;
import dev.switchboard.cache.CacheNamespaces.Namespace;
import dev.switchboard.cache.local.Invalidations;
import dev.switchboard.cache.local.LocalEntry;
import dev.switchboard.cache.local.LocalLevel;
import dev.switchboard.cache.store.CacheBackend;
import dev.switchboard.cache.store.Payloads;
import dev.switchboard.cache.store.Served;
import dev.switchboard.config.SwitchboardConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * getOrSet with stampede protection and fail-safe. On one replica, concurrent callers of a key share one load. Across
 * replicas, the first takes a lock ({@code <prefix>:lock:cache:<namespace>:<key>}, SET NX PX with a random token and a
 * lease of {@code lock.lease}); the others poll for its value every {@code lock.poll-interval}, take the lock over
 * when its holder died (the lease ran out) and load anyway after {@code lock.max-wait}. A loader failure is never
 * stored. With a stale value at hand (past the TTL, within the grace), a loader that fails or runs past
 * {@code soft-timeout} makes the call serve the stale value, while the load goes on and stores its result.
 */
@Singleton // no client proxy: its methods sit on the read path of every cache call
class LoadCoordinator {

  private final CacheBackend backend;
  private final LocalLevel local;
  private final Invalidations invalidations;
  private final CacheCodec codec;
  private final CacheMetrics metrics;
  private final CacheNamespaces namespaces;
  private final SwitchboardConfig.Cache settings;
  private final Map<String, CompletableFuture<Loaded>> inFlight = new ConcurrentHashMap<>();

  LoadCoordinator(CacheBackend backend, LocalLevel local, Invalidations invalidations, CacheCodec codec, CacheMetrics metrics,
      CacheNamespaces namespaces, SwitchboardConfig config) {
    this.backend = backend;
    this.local = local;
    this.invalidations = invalidations;
    this.codec = codec;
    this.metrics = metrics;
    this.namespaces = namespaces;
    this.settings = config.cache();
  }

  <T> Uni<CacheResult<T>> getOrSet(Namespace ns, String key, JavaType type, Supplier<Uni<T>> loader, Duration ttl) {
    String full = ns.key(key);
    if (ns.local()) {
      LocalEntry entry = this.local.get(full);
      if (entry != null && entry.payload() != null) {
        this.metrics.count(ns.tag(), false, Operation.HIT);
        return Uni.createFrom().item(new CacheResult<>(LocalValues.valueOf(entry, type, this.codec), CacheStatus.HIT));
      }
    }
    long stamp = ns.local() ? this.local.stamp(full) : 0;
    return this.backend.read(full, Served::new).chain(served -> {
      String payload = served.value();
      if (served.redisFailed()) {
        this.metrics.count(ns.tag(), true, Operation.ERROR);
      }
      if (CacheCodec.isFresh(payload, System.currentTimeMillis())) {
        T value = this.codec.decode(payload, type);
        this.metrics.count(ns.tag(), served.fromRedis(), Operation.HIT);
        if (ns.local() && served.fromRedis()) {
          this.local.putIfUnchanged(full, stamp, new LocalEntry(payload, Payloads.logicalExpiry(payload), value, type));
        }
        return Uni.createFrom().item(new CacheResult<>(value, CacheStatus.HIT));
      }
      this.metrics.count(ns.tag(), served.fromRedis(), Operation.MISS);
      Load load = new Load(ns, full, type, loader, ns.ttlOr(ttl), CacheCodec.isValue(payload) ? payload : null, Payloads.sha1(payload));
      return shared(load).map(loaded -> new CacheResult<>(loaded.valueAs(type, this.codec), loaded.status()));
    });
  }

  /** One load per key on this replica: the first caller leads, the others wait for its result. */
  private Uni<Loaded> shared(Load load) {
    CompletableFuture<Loaded> mine = new CompletableFuture<>();
    CompletableFuture<Loaded> running = this.inFlight.putIfAbsent(load.full(), mine);
    if (running == null) {
      running = mine;
      lead(load).subscribe().with(loaded -> {
        this.inFlight.remove(load.full(), mine);
        mine.complete(loaded);
      }, failure -> {
        this.inFlight.remove(load.full(), mine);
        mine.completeExceptionally(failure);
      });
    }
    Uni<Loaded> result = Uni.createFrom().completionStage(running);
    Context context = Vertx.currentContext();
    return context == null ? result : result.emitOn(task -> context.runOnContext(ignored -> task.run()));
  }

  private Uni<Loaded> lead(Load load) {
    if (!this.backend.usingRedis()) {
      return runLoader(load, null);
    }
    String token = UUID.randomUUID().toString();
    String lockKey = this.namespaces.lockKey(load.full());
    long lease = this.settings.lock().lease().toMillis();
    return this.backend.run(redis -> redis.setIfAbsent(lockKey, token, lease), () -> true)
        .chain(acquired -> {
          if (acquired.value()) {
            return runLoader(load, token);
          }
          this.metrics.lockWait(load.ns().tag());
          return waitForOther(load, token, deadline(load));
        });
  }

  private long deadline(Load load) {
    Duration wait = load.stale() != null ? this.settings.softTimeout() : this.settings.lock().maxWait();
    return System.nanoTime() + wait.toNanos();
  }

  /** Another replica loads the key: poll for its value; take over its lock if it died; load anyway past the deadline. */
  private Uni<Loaded> waitForOther(Load load, String token, long deadline) {
    String lockKey = this.namespaces.lockKey(load.full());
    long lease = this.settings.lock().lease().toMillis();
    return Uni.createFrom().voidItem().onItem().delayIt().by(this.settings.lock().pollInterval())
        .chain(() -> this.backend.run(redis -> redis.get(load.full()), () -> this.backend.memory().get(load.full())))
        .chain(served -> {
          String payload = served.value();
          if (CacheCodec.isFresh(payload, System.currentTimeMillis())) {
            return Uni.createFrom().item(Loaded.of(this.codec.decode(payload, load.type()), load.type(), payload, CacheStatus.HIT));
          }
          Load current = load.reading(Payloads.sha1(payload));
          if (System.nanoTime() - deadline > 0) {
            Log.debugf("Gave up waiting for another replica's load of a %s entry", load.ns().name());
            return load.stale() != null ? Uni.createFrom().item(stale(current)) : runLoader(current, null);
          }
          return this.backend.run(redis -> redis.setIfAbsent(lockKey, token, lease), () -> true)
              .chain(acquired -> acquired.value() ? runLoader(current, token) : waitForOther(current, token, deadline));
        });
  }

  private Uni<Loaded> runLoader(Load load, String token) {
    this.metrics.load(load.ns().tag());
    Uni<Loaded> loading = Uni.createFrom().deferred(load::load)
        .ifNoItem().after(this.settings.hardTimeout()).fail()
        .chain(value -> store(load, value))
        .eventually(() -> token == null ? Uni.createFrom().voidItem() : release(load, token))
        .memoize().indefinitely();
    if (load.stale() == null) {
      return loading;
    }
    // the load finishes in the background whatever the caller gets
    loading.subscribe().with(done -> { }, failure -> Log.debugf("Background load of a %s entry failed: %s", load.ns().name(), failure));
    return loading.ifNoItem().after(this.settings.softTimeout()).recoverWithItem(() -> stale(load))
        .onFailure().recoverWithItem(failure -> stale(load));
  }

  private Uni<Loaded> store(Load load, Object value) {
    String payload = this.codec.encode(value, CacheService.logicalExpiry(load.ttl()));
    long px = CacheService.redisExpiry(load.ttl(), load.ns().grace());
    return this.backend.run(redis -> redis.compareAndSet(load.full(), load.readSha1(), payload, px),
        () -> this.backend.memory().compareAndSet(load.full(), load.readSha1(), payload, px))
        .chain(served -> {
          this.metrics.count(load.ns().tag(), served.fromRedis(), Operation.SET);
          return served.value() && load.ns().local() ? this.invalidations.evict(load.full()) : Uni.createFrom().voidItem();
        })
        .replaceWith(Loaded.of(value, load.type(), payload, CacheStatus.MISS));
  }

  private Uni<Void> release(Load load, String token) {
    String lockKey = this.namespaces.lockKey(load.full());
    return this.backend.run(redis -> redis.release(lockKey, token), () -> this.backend.memory().release(lockKey, token)).replaceWithVoid();
  }

  private Loaded stale(Load load) {
    this.metrics.count(load.ns().tag(), this.backend.usingRedis(), Operation.STALE);
    return Loaded.of(this.codec.decode(load.stale(), load.type()), load.type(), load.stale(), CacheStatus.STALE);
  }
}
