package dev.switchboard.redis;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.config.SwitchboardConfig;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Answers "is the queue Redis there, and how fast" for health checks, with a bound on how long it may take (the cache
 * layer reports its own Redis: {@code CacheService.health()}).
 */
@ApplicationScoped
public class RedisProbe {

  private final ReactiveRedisDataSource queue;
  private final Duration timeout;

  public RedisProbe(@RedisClientName(RedisClients.QUEUE) ReactiveRedisDataSource queue, SwitchboardConfig config) {
    this.queue = queue;
    this.timeout = config.health().redisTimeout();
  }

  /** PING on the queue client. */
  public Uni<PingResult> pingQueue() {
    return ping(this.queue);
  }

  /**
   * The queue Redis's {@code maxmemory-policy}, or empty when it cannot be read (managed Redis services
   * often disable CONFIG).
   */
  public Uni<Optional<String>> queueEvictionPolicy() {
    return this.queue.execute("CONFIG", "GET", "maxmemory-policy")
        .ifNoItem().after(this.timeout).fail()
        .map(response -> policyFrom(response))
        .onFailure().recoverWithItem(Optional.empty());
  }

  private Uni<PingResult> ping(ReactiveRedisDataSource ds) {
    return Uni.createFrom().deferred(() -> {
      long start = System.nanoTime();
      return ds.execute("PING")
          .ifNoItem().after(this.timeout).fail()
          .map(pong -> PingResult.up((System.nanoTime() - start) / 1_000_000))
          .onFailure().recoverWithItem(failure -> PingResult.down(describe(failure)));
    });
  }

  private static Optional<String> policyFrom(Response response) {
    // RESP2 answers a flat [name, value] array, RESP3 a map
    if (response == null) {
      return Optional.empty();
    }
    if (response.containsKey("maxmemory-policy")) {
      return Optional.of(response.get("maxmemory-policy").toString());
    }
    return response.size() >= 2 ? Optional.of(response.get(1).toString()) : Optional.empty();
  }

  private static String describe(Throwable failure) {
    if (failure instanceof io.smallrye.mutiny.TimeoutException) {
      return "no answer in time";
    }
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }

  /** Outcome of one PING. */
  public record PingResult(boolean up, long latencyMs, String error) {
    static PingResult up(long latencyMs) {
      return new PingResult(true, latencyMs, null);
    }

    static PingResult down(String error) {
      return new PingResult(false, -1, error);
    }
  }
}
