package dev.switchboard.cache;

/**
 * Which level the cache answers from: {@code redis}, or {@code in-memory} (the fallback, while Redis cannot be
 * reached: {@code degraded}). {@code latencyMs} is the last PING's; {@code error} why Redis is not used.
 */
public record CacheHealth(String status, String type, Long latencyMs, String error) {

  public static final String REDIS = "redis";
  public static final String IN_MEMORY = "in-memory";

  public boolean onRedis() {
    return REDIS.equals(this.type);
  }
}
