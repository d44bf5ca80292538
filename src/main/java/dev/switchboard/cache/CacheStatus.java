package dev.switchboard.cache;

/** How getOrSet answered, as the {@code X-Cache-Status} header says it. */
public enum CacheStatus {
  /** From the cache (in-process level, Redis, or the fallback), fresh. */
  HIT,
  /** Not in the cache: the loader ran (here or on another replica) and its value was stored. */
  MISS,
  /** Past its TTL but within its grace: the loader failed or was slow, and refreshes it in the background. */
  STALE;

  public static final String HEADER = "X-Cache-Status";
}
