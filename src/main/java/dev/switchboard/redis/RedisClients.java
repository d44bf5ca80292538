package dev.switchboard.redis;

/**
 * Names of Switchboard's Redis clients. Queues and cache have opposite needs (never evict vs. may evict),
 * so each has its own client; by default both point at {@code quarkus.redis.hosts} / {@code REDIS_URL}.
 */
public final class RedisClients {

  /** Queue keys: must live on a Redis with {@code maxmemory-policy noeviction}. */
  public static final String QUEUE = "queue";

  /**
   * Blocking reads (XREAD BLOCK) of idle queue consumers: their own connections, so a long block never holds a
   * connection the request path needs.
   */
  public static final String QUEUE_READER = "queue-reader";

  /** Cache keys: may be evicted. */
  public static final String CACHE = "cache";

  private RedisClients() {
  }
}
