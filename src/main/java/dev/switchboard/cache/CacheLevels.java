package dev.switchboard.cache;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The cache's levels on this replica: the in-process level and the fallback (fill, bound, whether each serves now)
 * and the operations counted since start-up on Redis and in memory (in-process level and fallback together, as
 * {@code cache_operations_total{type="memory"}} counts them).
 */
@RegisterForReflection
public record CacheLevels(InProcess inProcess, Fallback fallback, Operations redis, Operations memory) {

  @RegisterForReflection
  public record InProcess(long entries, long maxEntries, boolean serving, List<String> namespaces) {
  }

  @RegisterForReflection
  public record Fallback(long entries, long maxEntries, boolean serving) {
  }

  @RegisterForReflection
  public record Operations(long hits, long misses, long sets, long deletes, long stale, long errors) {
  }
}
