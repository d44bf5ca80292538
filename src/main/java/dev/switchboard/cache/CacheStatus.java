package dev.switchboard.cache;

/** How getOrSet answered, as the {@code X-Cache-Status} header says it. */
public enum CacheStatus {
  /** From the cache (in-process level, Redis, or the fallback), fresh; also a value another replica loaded while this call waited. */
  HIT,
  /** Not in the cache: the loader ran on this replica (once for all its concurrent callers) and its value was stored. */
  MISS,
  /** Past its TTL but within its grace: the loader failed or was slow, and refreshes it in the background. */
  STALE;

  public static final String HEADER = "X-Cache-Status";
}
