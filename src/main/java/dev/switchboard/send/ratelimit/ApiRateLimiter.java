package dev.switchboard.send.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.error.ApiException;
import dev.switchboard.redis.LuaScript;
import dev.switchboard.redis.RedisClients;
import dev.switchboard.tenant.Tenant;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * Send API requests per tenant per second, across all replicas (a 1-second window counter in Redis,
 * {@code sb:rl:api:{<tenant>}}). Over the limit the request fails with 429 and {@code Retry-After}.
 */
@ApplicationScoped
public class ApiRateLimiter {

  private static final LuaScript LIMIT = LuaScript.fromResources("send/lua/api-limit.lua");
  private static final Duration WINDOW = Duration.ofSeconds(1);

  private final ReactiveRedisDataSource redis;
  private final SwitchboardConfig config;
  private final String prefix;

  public ApiRateLimiter(@RedisClientName(RedisClients.QUEUE) ReactiveRedisDataSource redis, SwitchboardConfig config) {
    this.redis = redis;
    this.config = config;
    this.prefix = config.keyPrefix();
  }

  /** Completes when the tenant may make this request; fails with a 429 {@link ApiException} when not. */
  public Uni<Void> admit(Tenant tenant) {
    int limit = limitOf(tenant);
    if (limit <= 0) {
      return Uni.createFrom().voidItem();
    }
    return LIMIT.run(this.redis, List.of(this.prefix + ":rl:api:{" + tenant.id() + "}"),
        List.of(Integer.toString(limit), Long.toString(WINDOW.toMillis())))
        .invoke(answer -> {
          long waitMillis = answer.toLong();
          if (waitMillis > 0) {
            throw ApiException.retryAfter(429, "rate_limited", "More than " + limit + " send requests per second",
                Map.of("limit", limit), waitMillis);
          }
        })
        .replaceWithVoid();
  }

  int limitOf(Tenant tenant) {
    return tenant.apiRateLimit().orElse(this.config.send().apiRateLimit());
  }
}
