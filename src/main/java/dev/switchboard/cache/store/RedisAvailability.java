package dev.switchboard.cache.store;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.support.LogThrottle;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Whether the cache uses Redis or its fallback, and the way back. A lost connection (or
 * {@link CacheBackend#TIMEOUTS_FOR_OUTAGE} timeouts in a row) is an outage; Redis is then pinged after 50 ms, doubling
 * up to {@code reconnect-max-backoff}, and once it answers the outage's deletes and flushes are replayed on it, the
 * fallback is emptied and Redis is used again.
 */
final class RedisAvailability {

  private static final long FIRST_RETRY_MILLIS = 50;

  private final RedisStore redis;
  private final MemoryStore memory;
  private final Duration timeout;
  private final long maxBackoffMillis;
  private final int maxPendingDeletes;
  private final AtomicBoolean usingRedis = new AtomicBoolean(true);
  private final AtomicBoolean retrying = new AtomicBoolean();
  private final AtomicBoolean recovering = new AtomicBoolean();
  private final AtomicInteger timeoutsInARow = new AtomicInteger();
  private final Set<String> pendingDeletes = ConcurrentHashMap.newKeySet();
  private final Set<String> pendingFlushes = ConcurrentHashMap.newKeySet();
  private final List<Runnable> outageListeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> recoveryListeners = new CopyOnWriteArrayList<>();
  private final LogThrottle failures = new LogThrottle(Duration.ofSeconds(10));
  private volatile String lastError;

  RedisAvailability(RedisStore redis, MemoryStore memory, Duration timeout, Duration maxBackoff) {
    this.redis = redis;
    this.memory = memory;
    this.timeout = timeout;
    this.maxBackoffMillis = maxBackoff.toMillis();
    this.maxPendingDeletes = Math.max(1000, 10 * memory.maxEntries());
  }

  boolean usingRedis() {
    return this.usingRedis.get();
  }

  String lastError() {
    return this.lastError;
  }

  void succeeded() {
    this.timeoutsInARow.set(0);
  }

  void failed(Throwable failure) {
    String reason = describe(failure);
    if (failure instanceof io.smallrye.mutiny.TimeoutException) {
      if (this.timeoutsInARow.incrementAndGet() >= CacheBackend.TIMEOUTS_FOR_OUTAGE) {
        enterOutage(reason);
      }
    } else if (isOutage(failure)) {
      enterOutage(reason);
    } else if (this.failures.allow("command")) {
      Log.warnf("Cache command failed (answered from memory; further ones logged at debug level for 10 s): %s", reason);
    }
  }

  void deletedDuringOutage(String key, String namespacePrefix) {
    if (this.pendingDeletes.size() < this.maxPendingDeletes) {
      this.pendingDeletes.add(key);
    } else {
      this.pendingFlushes.add(namespacePrefix);
    }
  }

  void flushedDuringOutage(String namespacePrefix) {
    this.pendingFlushes.add(namespacePrefix);
  }

  void onOutage(Runnable listener) {
    this.outageListeners.add(listener);
  }

  void onRecovery(Runnable listener) {
    this.recoveryListeners.add(listener);
  }

  void enterOutage(String reason) {
    this.lastError = reason;
    if (this.usingRedis.compareAndSet(true, false)) {
      Log.warnf("Cache Redis unreachable (%s): serving from the in-memory fallback (%d entries at most)", reason, this.memory.maxEntries());
      this.outageListeners.forEach(RedisAvailability::safely);
      retryAfter(FIRST_RETRY_MILLIS);
    }
  }

  /** PING; when it answers, replays the outage's deletes and flushes, then switches back to Redis. True when on Redis. */
  Uni<Boolean> tryRecover() {
    if (this.usingRedis.get()) {
      return Uni.createFrom().item(true);
    }
    if (!this.recovering.compareAndSet(false, true)) {
      return Uni.createFrom().item(false);
    }
    return this.redis.ping().ifNoItem().after(this.timeout).fail()
        .chain(latency -> replay())
        .map(replayed -> {
          this.memory.clear();
          this.timeoutsInARow.set(0);
          this.usingRedis.set(true);
          Log.infof("Cache Redis answers again: back on Redis (%d deletes and %d flushes of the outage replayed)", replayed[0], replayed[1]);
          this.recoveryListeners.forEach(RedisAvailability::safely);
          return true;
        })
        .onFailure().recoverWithItem(failure -> {
          this.lastError = describe(failure);
          return false;
        })
        .eventually(() -> this.recovering.set(false));
  }

  private void retryAfter(long delayMillis) {
    if (!this.retrying.compareAndSet(false, true)) {
      return;
    }
    Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(delayMillis))
        .chain(this::tryRecover)
        .subscribe().with(recovered -> {
          this.retrying.set(false);
          if (!recovered && !this.usingRedis.get()) {
            retryAfter(Math.min(this.maxBackoffMillis, delayMillis * 2));
          }
        });
  }

  private Uni<long[]> replay() {
    List<String> deletes = List.copyOf(this.pendingDeletes);
    List<String> flushes = List.copyOf(this.pendingFlushes);
    Uni<Void> unlinked = deletes.isEmpty() ? Uni.createFrom().voidItem()
        : Multi.createFrom().iterable(deletes).onItem().transformToUni(this.redis::unlink).merge(16).collect().last().replaceWithVoid();
    Uni<Void> flushed = flushes.isEmpty() ? Uni.createFrom().voidItem()
        : Multi.createFrom().iterable(flushes).onItem().transformToUniAndConcatenate(prefix -> this.redis.deleteMatching(Globs.escape(prefix) + "*"))
            .collect().last().replaceWithVoid();
    return unlinked.chain(() -> flushed).map(done -> {
      deletes.forEach(this.pendingDeletes::remove);
      flushes.forEach(this.pendingFlushes::remove);
      return new long[] { deletes.size(), flushes.size() };
    });
  }

  /**
   * A server error reply (wrong type, script error) or a saturated local pool is not an outage; a lost or refused
   * connection, or a busy, loading or failed-over server, is.
   */
  static boolean isOutage(Throwable failure) {
    String text = String.valueOf(failure.getMessage());
    if (text.contains("max wait queue") || text.contains("waiting queue is full")) {
      // this replica's own pools are saturated: Redis itself answers, so stay on it
      return false;
    }
    if (failure instanceof io.vertx.redis.client.impl.types.ErrorType) {
      return text.startsWith("LOADING") || text.startsWith("CLUSTERDOWN") || text.startsWith("MASTERDOWN") || text.startsWith("TRYAGAIN")
          || text.startsWith("READONLY") || text.startsWith("BUSY") || text.startsWith("NOREPLICAS");
    }
    return true;
  }

  static String describe(Throwable failure) {
    if (failure instanceof io.smallrye.mutiny.TimeoutException) {
      return "no answer in time";
    }
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }

  private static void safely(Runnable listener) {
    try {
      listener.run();
    } catch (RuntimeException e) {
      Log.warnf(e, "Cache mode listener failed");
    }
  }
}
