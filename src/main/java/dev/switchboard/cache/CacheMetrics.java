package dev.switchboard.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Prometheus figures of the cache layer. {@code cache_operations_total{type, operation, resource}}: type {@code redis}
 * or {@code memory} (the in-process level or the fallback), operation one of {@link Operation}, resource the
 * namespace ({@code other} outside the known ones); {@code switchboard_cache_loads_total{resource}} counts loader
 * calls, {@code switchboard_cache_lock_waits_total{resource}} calls that waited for another replica's load.
 */
@Singleton // no client proxy: its methods sit on the read path of every cache call
public class CacheMetrics {

  /** What a cache operation did. */
  public enum Operation {
    HIT, MISS, SET, DELETE, STALE, ERROR;

    final String tag = name().toLowerCase(java.util.Locale.ROOT);
  }

  private static final int OPERATIONS = Operation.values().length;

  private final MeterRegistry registry;
  private final Map<String, Counter[]> operations = new ConcurrentHashMap<>();
  private final Map<String, Counter> loads = new ConcurrentHashMap<>();
  private final Map<String, Counter> lockWaits = new ConcurrentHashMap<>();

  public CacheMetrics(MeterRegistry registry) {
    this.registry = registry;
    CacheNamespaces.KNOWN.forEach(this::countersOf);
    countersOf(CacheNamespaces.OTHER);
  }

  public void count(String resource, boolean redis, Operation operation) {
    countersOf(resource)[(redis ? 0 : OPERATIONS) + operation.ordinal()].increment();
  }

  public void count(String resource, boolean redis, Operation operation, long times) {
    if (times > 0) {
      countersOf(resource)[(redis ? 0 : OPERATIONS) + operation.ordinal()].increment(times);
    }
  }

  public void load(String resource) {
    this.loads.computeIfAbsent(resource, tag -> Counter.builder("switchboard.cache.loads").tag("resource", tag)
        .description("Loader calls of getOrSet (cache misses that ran the loader)").register(this.registry)).increment();
  }

  public void lockWait(String resource) {
    this.lockWaits.computeIfAbsent(resource, tag -> Counter.builder("switchboard.cache.lock.waits").tag("resource", tag)
        .description("getOrSet calls that waited for another replica to load the key").register(this.registry)).increment();
  }

  /** How many times the operation happened in the namespace (tag) since start-up, on one level or both. */
  public long total(String resource, Operation operation, Boolean redis) {
    Counter[] counters = countersOf(resource);
    double sum = 0;
    if (redis == null || redis) {
      sum += counters[operation.ordinal()].count();
    }
    if (redis == null || !redis) {
      sum += counters[OPERATIONS + operation.ordinal()].count();
    }
    return (long) sum;
  }

  /** {@link #total} over every namespace. */
  public long totalOfAll(Operation operation, Boolean redis) {
    return this.operations.keySet().stream().mapToLong(resource -> total(resource, operation, redis)).sum();
  }

  public long loads(String resource) {
    Counter counter = this.loads.get(resource);
    return counter == null ? 0 : (long) counter.count();
  }

  private Counter[] countersOf(String resource) {
    Counter[] known = this.operations.get(resource);
    return known != null ? known : this.operations.computeIfAbsent(resource, this::register);
  }

  private Counter[] register(String resource) {
    Counter[] counters = new Counter[2 * OPERATIONS];
    for (Operation operation : Operation.values()) {
      counters[operation.ordinal()] = counter("redis", operation, resource);
      counters[OPERATIONS + operation.ordinal()] = counter("memory", operation, resource);
    }
    return counters;
  }

  private Counter counter(String type, Operation operation, String resource) {
    return Counter.builder("cache.operations").tag("type", type).tag("operation", operation.tag).tag("resource", resource)
        .description("Cache operations by level, outcome and namespace").register(this.registry);
  }
}
