package dev.switchboard.cache.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import dev.switchboard.config.SwitchboardConfig;
import io.smallrye.mutiny.Uni;

/**
 * Runs each cache operation on Redis, or on the in-memory fallback while Redis cannot be reached. No Redis command
 * is waited for longer than {@code switchboard.cache.redis-timeout}: a failed or late one is answered from memory at
 * once. A lost connection (or three timeouts in a row) switches the replica to memory until Redis answers again
 * ({@link RedisAvailability}). Deletes and flushes made meanwhile are replayed on Redis first, so nothing deleted
 * comes back; entries written meanwhile stay in memory only and are dropped, since other replicas may have written
 * newer values to Redis.
 */
@Singleton // no client proxy: its methods sit on the read path of every cache call
public class CacheBackend {

  /** Redis commands timing out in a row that switch the replica to its fallback. */
  public static final int TIMEOUTS_FOR_OUTAGE = 3;

  private final RedisStore redis;
  private final io.vertx.core.Vertx vertx;
  private final MemoryStore memory;
  private final Duration timeout;
  private final RedisAvailability availability;

  public CacheBackend(RedisStore redis, io.vertx.core.Vertx vertx, SwitchboardConfig config) {
    this.redis = redis;
    this.vertx = vertx;
    this.memory = new MemoryStore(config.cache().fallbackMaxEntries());
    this.timeout = config.cache().redisTimeout();
    this.availability = new RedisAvailability(redis, this.memory, this.timeout, config.cache().reconnectMaxBackoff());
  }

  /**
   * The operation on Redis, or {@code inMemory} when the replica is on its fallback or Redis fails to answer in
   * time. {@code inMemory} also runs after a failed Redis write, so that reads meanwhile find what was written.
   */
  public <T> Uni<Served<T>> run(Function<RedisStore, Uni<T>> onRedis, Supplier<T> inMemory) {
    return run(onRedis, inMemory, this.timeout);
  }

  /** {@link #run(Function, Supplier)} with a longer bound, for scans over the whole keyspace. */
  public <T> Uni<Served<T>> run(Function<RedisStore, Uni<T>> onRedis, Supplier<T> inMemory, Duration timeout) {
    if (!this.availability.usingRedis()) {
      return Uni.createFrom().item(() -> Served.memory(inMemory.get()));
    }
    return onRedis.apply(this.redis)
        .ifNoItem().after(timeout).fail()
        .map(value -> {
          this.availability.succeeded();
          return Served.redis(value);
        })
        .onFailure().recoverWithItem(failure -> {
          this.availability.failed(failure);
          return Served.afterFailure(inMemory.get());
        });
  }

  /** One GET, answered by {@code answer} from Redis's reply or, as {@link #run} does, from the fallback: the hot read path. */
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
    if (!this.availability.usingRedis()) {
      return Uni.createFrom().item(() -> inMemory.apply(false));
    }
    return Uni.createFrom().emitter(emitter -> {
      AtomicBoolean settled = new AtomicBoolean();
      long timer = this.vertx.setTimer(this.timeout.toMillis(), id -> {
        if (settled.compareAndSet(false, true)) {
          this.availability.failed(new io.smallrye.mutiny.TimeoutException());
          settle(emitter, () -> inMemory.apply(true));
        }
      });
      this.redis.bare().send(request).onComplete(reply -> {
        if (!settled.compareAndSet(false, true)) {
          return;
        }
        this.vertx.cancelTimer(timer);
        if (reply.succeeded()) {
          this.availability.succeeded();
          settle(emitter, () -> onReply.apply(reply.result()));
        } else {
          this.availability.failed(reply.cause());
          settle(emitter, () -> inMemory.apply(true));
        }
      });
    });
  }

  /**
   * The values of the keys (null where absent), answered by {@code answer}: one MGET through {@link #command} on a
   * single Redis, per-master pipelines on a cluster (and before the topology is known) through {@link #run}.
   */
  public <T> Uni<T> readAll(List<String> keys, PayloadsAnswer<T> answer) {
    if (this.redis.topology().knownStandalone()) {
      io.vertx.redis.client.Request mget = io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.MGET);
      keys.forEach(mget::arg);
      return command(mget, reply -> answer.apply(RedisStore.strings(reply), true, false),
          redisFailed -> answer.apply(this.memory.getAll(keys), false, redisFailed));
    }
    return run(redis -> redis.getAll(keys), () -> this.memory.getAll(keys))
        .map(served -> answer.apply(served.value(), served.fromRedis(), served.redisFailed()));
  }

  /** Turns the payloads of several keys (null: none) and where they came from into a bulk read's answer. */
  @FunctionalInterface
  public interface PayloadsAnswer<T> {
    T apply(List<String> payloads, boolean fromRedis, boolean redisFailed);
  }

  /**
   * On Redis only, within the timeout, failing when Redis fails: for the steps of an operator's multi-step operation
   * (a cleanup), which must not be half applied to memory. A lost connection still switches the replica to memory.
   */
  public <T> Uni<T> redisOnly(Function<RedisStore, Uni<T>> onRedis) {
    return onRedis.apply(this.redis).ifNoItem().after(this.timeout).fail().onFailure().invoke(this.availability::failed);
  }

  public boolean usingRedis() {
    return this.availability.usingRedis();
  }

  public MemoryStore memory() {
    return this.memory;
  }

  /** A key deleted while Redis could not be told: deleted there too once it answers again. */
  public void deletedDuringOutage(String key, String namespacePrefix) {
    this.availability.deletedDuringOutage(key, namespacePrefix);
  }

  /** A namespace flushed while Redis could not be told: flushed there too once it answers again. */
  public void flushedDuringOutage(String namespacePrefix) {
    this.availability.flushedDuringOutage(namespacePrefix);
  }

  /** Called when the replica switches to its fallback (the in-process level must not trust its entries any more). */
  public void onOutage(Runnable listener) {
    this.availability.onOutage(listener);
  }

  /** Called when Redis is used again. */
  public void onRecovery(Runnable listener) {
    this.availability.onRecovery(listener);
  }

  /** Pings Redis now (and recovers from an outage if it answers): what health reports. */
  public Uni<BackendHealth> probe() {
    return this.availability.tryRecover().chain(up -> !up ? Uni.createFrom().item(BackendHealth.memory(this.availability.lastError()))
        : this.redis.ping().ifNoItem().after(this.timeout).fail()
            .map(BackendHealth::redis)
            .onFailure().recoverWithItem(failure -> {
              this.availability.enterOutage(RedisAvailability.describe(failure));
              return BackendHealth.memory(this.availability.lastError());
            }));
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
