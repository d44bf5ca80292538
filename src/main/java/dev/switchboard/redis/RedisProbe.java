package dev.switchboard.redis;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.config.SwitchboardConfig;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * Answers "is the queue Redis there, and how fast" for health checks, with a bound on how long it may take (the cache
 * layer reports its own Redis: {@code CacheService.health()}).
 */
@ApplicationScoped
public class RedisProbe {

  private static final LuaScript NODE_INFO = LuaScript.fromResources("redis/lua/node-info.lua");

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
   * The {@code maxmemory-policy} of every master of the queue Redis (on a cluster each holds a share of the queues,
   * and INFO or CONFIG GET would reach just one of them). Unreadable policies are null; none listed when the masters
   * cannot be found in time.
   */
  public Uni<EvictionPolicies> queueEvictionPolicies() {
    return RedisMasters.of(this.queue)
        .chain(masters -> Uni.join().all(masters.stream().map(this::policyOf).toList()).andFailFast())
        .map(EvictionPolicies::new)
        .ifNoItem().after(this.timeout).fail()
        .onFailure().recoverWithItem(EvictionPolicies.unknown());
  }

  private Uni<EvictionPolicies.Node> policyOf(RedisMasters.Master master) {
    return NODE_INFO.run(this.queue, List.of(master.routingKey()), List.of())
        .map(policy -> new EvictionPolicies.Node(master.name(), policy == null || policy.toString().isEmpty() ? null : policy.toString()))
        .onFailure().recoverWithItem(new EvictionPolicies.Node(master.name(), null));
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
