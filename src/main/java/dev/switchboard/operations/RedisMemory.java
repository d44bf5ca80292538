package dev.switchboard.operations;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.redis.RedisClients;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * The memory figures of the queue and the cache Redis ({@code INFO memory}); on a Redis Cluster, of the node that
 * answered. Max 0 means no maxmemory is set.
 */
@ApplicationScoped
public class RedisMemory {

  private final ReactiveRedisDataSource queue;
  private final ReactiveRedisDataSource cache;

  public RedisMemory(@RedisClientName(RedisClients.QUEUE) ReactiveRedisDataSource queue,
      @RedisClientName(RedisClients.CACHE) ReactiveRedisDataSource cache) {
    this.queue = queue;
    this.cache = cache;
  }

  public Uni<Memory> queue() {
    return read(this.queue);
  }

  public Uni<Memory> cache() {
    return read(this.cache);
  }

  private static Uni<Memory> read(ReactiveRedisDataSource redis) {
    return redis.execute("INFO", "memory").map(reply -> parse(reply.toString()));
  }

  static Memory parse(String info) {
    Map<String, String> fields = new HashMap<>();
    for (String line : info.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    return new Memory(number(fields, "used_memory"), number(fields, "used_memory_peak"), number(fields, "maxmemory"),
        Double.parseDouble(fields.getOrDefault("mem_fragmentation_ratio", "0")), fields.getOrDefault("maxmemory_policy", ""));
  }

  private static long number(Map<String, String> fields, String name) {
    return Long.parseLong(fields.getOrDefault(name, "0"));
  }

  /** Bytes used, peak and max (0: none), the fragmentation ratio and the eviction policy. */
  @RegisterForReflection
  public record Memory(long usedBytes, long peakBytes, long maxBytes, double fragmentationRatio, String maxmemoryPolicy) {
  }
}
