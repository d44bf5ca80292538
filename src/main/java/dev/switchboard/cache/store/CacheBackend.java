package dev.switchboard.cache.store;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.support.LogThrottle;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Runs each cache operation on Redis, or on the in-memory fallback while Redis cannot be reached. No Redis command
 * is waited for longer than {@code switchboard.cache.redis-timeout}: a failed or late one is answered from memory at
 * once. A lost connection (or three timeouts in a row) switches the replica to memory; Redis is then pinged with
 * a backoff growing to {@code reconnect-max-backoff}, and used again as soon as it answers. Deletes and flushes made
 * meanwhile are replayed on Redis first, so nothing deleted comes back; entries written meanwhile stay in memory
 * only and are dropped, since other replicas may have written newer values to Redis.
 */
@Singleton // no client proxy: its methods sit on the read path of every cache call
public class CacheBackend {

  /** Redis commands timing out in a row that switch the replica to its fallback. */
  public static final int TIMEOUTS_FOR_OUTAGE = 3;
  private static final long FIRST_RETRY_MILLIS = 50;

  private final RedisStore redis;
  private final io.vertx.core.Vertx vertx;
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

  public CacheBackend(RedisStore redis, io.vertx.core.Vertx vertx, SwitchboardConfig config) {
    this.redis = redis;
    this.vertx = vertx;
    this.memory = new MemoryStore(config.cache().fallbackMaxEntries());
    this.timeout = config.cache().redisTimeout();
    this.maxBackoffMillis = config.cache().reconnectMaxBackoff().toMillis();
    this.maxPendingDeletes = Math.max(1000, 10 * config.cache().fallbackMaxEntries());
  }

  /**
   * The operation on Redis, or {@code inMemory} when the replica is on its fallback or Redis fails to answer in
   * time. {@code inMemory} also runs after a failed Redis write, so that reads meanwhile find what was written.
   */
  public <T> Uni<Served<T>> run(Function<RedisStore, Uni<T>> onRedis, Supplier<T> inMemory) {
    return run(onRedis, inMemory, this.timeout);
  }

  /**
   * One GET, answered by {@code answer} from Redis's reply or, as {@link #run} does, from the fallback. The hot read
   * path, on {@link #command}.
   */
  public <T> Uni<T> read(String key, PayloadAnswer<T> answer) {
    return command(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.GET).arg(key),
        reply -> answer.apply(reply == null ? null : reply.toString(), true, false),
        redisFailed -> answer.apply(this.memory.get(key), false, redisFailed));
  }

  /**
   * One command, as {@link #run} runs it (timeout, fallback, outage detection), in a single Uni over the Vert.x
   * client's future with a Vert.x timer for the timeout, where {@link #run} stacks several operators (each one a
   * context capture): for the hot paths. {@code inMemory} gets whether Redis failed (false: on the fallback).
   */
  public <T> Uni<T> command(io.vertx.redis.client.Request request, Function<io.vertx.redis.client.Response, T> onReply,
      Function<Boolean, T> inMemory) {
    if (!this.usingRedis.get()) {
      return Uni.createFrom().item(() -> inMemory.apply(false));
    }
    return Uni.createFrom().emitter(emitter -> {
      AtomicBoolean settled = new AtomicBoolean();
      long timer = this.vertx.setTimer(this.timeout.toMillis(), id -> {
        if (settled.compareAndSet(false, true)) {
          failed(new io.smallrye.mutiny.TimeoutException());
          settle(emitter, () -> inMemory.apply(true));
        }
      });
      this.redis.bare().send(request).onComplete(reply -> {
        if (!settled.compareAndSet(false, true)) {
          return;
        }
        this.vertx.cancelTimer(timer);
        if (reply.succeeded()) {
          this.timeoutsInARow.set(0);
          settle(emitter, () -> onReply.apply(reply.result()));
        } else {
          failed(reply.cause());
          settle(emitter, () -> inMemory.apply(true));
        }
      });
    });
  }

  private static <T> void settle(io.smallrye.mutiny.subscription.UniEmitter<? super T> emitter, Supplier<T> value) {
    T answer;
    try {
      answer = value.get();
    } catch (RuntimeException e) {
      emitter.fail(e);
      return;
    }
    emitter.complete(answer);
  }

  /** Turns a payload (null: none) and where it came from into a read's answer. */
  @FunctionalInterface
  public interface PayloadAnswer<T> {
    T apply(String payload, boolean fromRedis, boolean redisFailed);
  }

  /** {@link #run(Function, Supplier)} with a longer bound, for scans over the whole keyspace. */
  public <T> Uni<Served<T>> run(Function<RedisStore, Uni<T>> onRedis, Supplier<T> inMemory, Duration timeout) {
    if (!this.usingRedis.get()) {
      return Uni.createFrom().item(() -> Served.memory(inMemory.get()));
    }
    return onRedis.apply(this.redis)
        .ifNoItem().after(timeout).fail()
        .map(value -> {
          this.timeoutsInARow.set(0);
          return Served.redis(value);
        })
        .onFailure().recoverWithItem(failure -> {
          failed(failure);
          return Served.afterFailure(inMemory.get());
        });
  }

  /**
   * On Redis only, within the timeout, failing when Redis fails: for the steps of an operator's multi-step operation
   * (a cleanup), which must not be half applied to memory. A lost connection still switches the replica to memory.
   */
  public <T> Uni<T> redisOnly(Function<RedisStore, Uni<T>> onRedis) {
    return onRedis.apply(this.redis).ifNoItem().after(this.timeout).fail().onFailure().invoke(this::failed);
  }

  public boolean usingRedis() {
    return this.usingRedis.get();
  }

  public MemoryStore memory() {
    return this.memory;
  }

  /** A key deleted while Redis could not be told: deleted there too once it answers again. */
  public void deletedDuringOutage(String key, String namespacePrefix) {
    if (this.pendingDeletes.size() < this.maxPendingDeletes) {
      this.pendingDeletes.add(key);
    } else {
      this.pendingFlushes.add(namespacePrefix);
    }
  }

  /** A namespace flushed while Redis could not be told: flushed there too once it answers again. */
  public void flushedDuringOutage(String namespacePrefix) {
    this.pendingFlushes.add(namespacePrefix);
  }

  /** Called when the replica switches to its fallback (the in-process level must not trust its entries any more). */
  public void onOutage(Runnable listener) {
    this.outageListeners.add(listener);
  }

  /** Called when Redis is used again. */
  public void onRecovery(Runnable listener) {
    this.recoveryListeners.add(listener);
  }

  /** Pings Redis now (and recovers from an outage if it answers): what health reports. */
  public Uni<BackendHealth> probe() {
    Uni<Boolean> reachable = this.usingRedis.get() ? Uni.createFrom().item(true) : tryRecover();
    return reachable.chain(up -> !up ? Uni.createFrom().item(BackendHealth.memory(this.lastError))
        : this.redis.ping().ifNoItem().after(this.timeout).fail()
            .map(BackendHealth::redis)
            .onFailure().recoverWithItem(failure -> {
              enterOutage(describe(failure));
              return BackendHealth.memory(this.lastError);
            }));
  }

  private void failed(Throwable failure) {
    String reason = describe(failure);
    if (failure instanceof io.smallrye.mutiny.TimeoutException) {
      if (this.timeoutsInARow.incrementAndGet() >= TIMEOUTS_FOR_OUTAGE) {
        enterOutage(reason);
      }
    } else if (isOutage(failure)) {
      enterOutage(reason);
    } else if (this.failures.allow("command")) {
      Log.warnf("Cache command failed (answered from memory; further ones logged at debug level for 10 s): %s", reason);
    }
  }

  private void enterOutage(String reason) {
    this.lastError = reason;
    if (this.usingRedis.compareAndSet(true, false)) {
      Log.warnf("Cache Redis unreachable (%s): serving from the in-memory fallback (%d entries at most)", reason, this.memory.maxEntries());
      this.outageListeners.forEach(CacheBackend::safely);
      retryAfter(FIRST_RETRY_MILLIS);
    }
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

  /** PING; when it answers, replays the outage's deletes and flushes, then switches back to Redis. */
  private Uni<Boolean> tryRecover() {
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
          this.recoveryListeners.forEach(CacheBackend::safely);
          return true;
        })
        .onFailure().recoverWithItem(failure -> {
          this.lastError = describe(failure);
          return false;
        })
        .eventually(() -> this.recovering.set(false));
  }

  private Uni<long[]> replay() {
    List<String> deletes = List.copyOf(this.pendingDeletes);
    List<String> flushes = List.copyOf(this.pendingFlushes);
    Uni<Void> unlinked = deletes.isEmpty() ? Uni.createFrom().voidItem()
        : Multi.createFrom().iterable(deletes).onItem().transformToUni(this.redis::unlink).merge(16).collect().last().replaceWithVoid();
    Uni<Void> flushed = flushes.isEmpty() ? Uni.createFrom().voidItem()
        : Multi.createFrom().iterable(flushes).onItem().transformToUniAndConcatenate(prefix -> this.redis.deleteMatching(prefix + "*"))
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
    if (failure instanceof io.vertx.redis.client.impl.types.ErrorType error) {
      String message = String.valueOf(error.getMessage());
      return message.startsWith("LOADING") || message.startsWith("CLUSTERDOWN") || message.startsWith("MASTERDOWN")
          || message.startsWith("TRYAGAIN") || message.startsWith("READONLY") || message.startsWith("BUSY")
          || message.startsWith("NOREPLICAS");
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

  /** Which level answers, how fast Redis did, and why it does not. */
  public record BackendHealth(boolean redis, Long latencyMs, String error) {
    static BackendHealth redis(long latencyMs) {
      return new BackendHealth(true, latencyMs, null);
    }

    static BackendHealth memory(String error) {
      return new BackendHealth(false, null, error);
    }
  }
}
