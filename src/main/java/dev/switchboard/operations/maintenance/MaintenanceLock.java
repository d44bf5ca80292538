package dev.switchboard.operations.maintenance;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.redis.LuaScript;
import dev.switchboard.redis.RedisClients;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * The lock that lets exactly one replica run a maintenance job: {@code <prefix>:lock:maintenance:<job>} on the queue
 * Redis (never evicted), taken with SET NX PX and a random token. Only the token's owner can extend or release it
 * (one-key scripts, so they run on a Redis Cluster too); an owner that dies loses it when its lease runs out.
 */
@ApplicationScoped
public class MaintenanceLock {

  private static final LuaScript RELEASE = LuaScript.fromResources("operations/lua/lock-release.lua");
  private static final LuaScript EXTEND = LuaScript.fromResources("operations/lua/lock-extend.lua");

  private final ReactiveRedisDataSource redis;
  private final String prefix;

  public MaintenanceLock(@RedisClientName(RedisClients.QUEUE) ReactiveRedisDataSource redis, SwitchboardConfig config) {
    this.redis = redis;
    this.prefix = config.keyPrefix() + ":lock:maintenance:";
  }

  /** The lease, or empty when another holder has the lock. */
  public Uni<Optional<Lease>> tryAcquire(String job, Duration lease) {
    String key = key(job);
    String token = UUID.randomUUID().toString();
    return this.redis.execute("SET", key, token, "NX", "PX", Long.toString(lease.toMillis()))
        .map(reply -> reply != null && "OK".equals(reply.toString()) ? Optional.of(new Lease(key, token, lease)) : Optional.<Lease>empty());
  }

  /** Who holds the lock now (its token), if anyone: for tests and operators. */
  public Uni<Optional<String>> holder(String job) {
    return this.redis.execute("GET", key(job)).map(reply -> Optional.ofNullable(reply).map(Object::toString));
  }

  public String key(String job) {
    return this.prefix + job;
  }

  /** A held lock: extend it while the job runs, release it at the end. */
  public final class Lease {

    private final String key;
    private final String token;
    private final Duration lease;

    Lease(String key, String token, Duration lease) {
      this.key = key;
      this.token = token;
      this.lease = lease;
    }

    public String token() {
      return this.token;
    }

    /** True while this holder still owns the lock. */
    public Uni<Boolean> extend() {
      return EXTEND.run(MaintenanceLock.this.redis, List.of(this.key), List.of(this.token, Long.toString(this.lease.toMillis())))
          .map(reply -> reply.toLong() == 1);
    }

    /** True when it was still ours; a lock taken over after our lease ran out is left alone. */
    public Uni<Boolean> release() {
      return RELEASE.run(MaintenanceLock.this.redis, List.of(this.key), List.of(this.token)).map(reply -> reply.toLong() == 1);
    }
  }
}
