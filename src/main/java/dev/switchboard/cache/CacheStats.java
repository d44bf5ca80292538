package dev.switchboard.cache;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The cache at a glance: the level it answers from ({@code redis} or {@code in-memory}), per namespace its keys and
 * its operations since start-up on this replica, and the fill of the in-process level and of the fallback.
 */
@RegisterForReflection
public record CacheStats(String type, List<NamespaceStats> namespaces, Level local, Level fallback) {

  /**
   * One namespace: keys stored (in Redis, or in the fallback while on it; delete tombstones included for their few
   * seconds), operations counted on this replica, and its settings.
   */
  @RegisterForReflection
  public record NamespaceStats(String name, long keys, long hits, long misses, long sets, long deletes, long stale, long errors, long loads,
      long ttlSeconds, long graceSeconds, boolean local) {
  }

  /** A bounded level: entries now, its bound, and whether it serves. */
  @RegisterForReflection
  public record Level(long entries, long maxEntries, boolean serving) {
  }
}
