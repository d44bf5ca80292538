package dev.switchboard.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.cache.CacheMetrics.Operation;
import dev.switchboard.cache.CacheNamespaces.Namespace;
import dev.switchboard.cache.local.LocalLevel;
import dev.switchboard.cache.store.CacheBackend;
import dev.switchboard.cache.store.Globs;
import dev.switchboard.config.SwitchboardConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Builds {@link CacheStats}: keys per namespace from a SCAN of {@code <prefix>:cache:*} on every master (a full pass
 * over the cache keys: an operator's call, not a request path's), operations from {@link CacheMetrics}.
 */
@Startup // registers the level gauges at start-up
@ApplicationScoped
class CacheStatistics {

  private final CacheNamespaces namespaces;
  private final CacheBackend backend;
  private final LocalLevel local;
  private final CacheMetrics metrics;
  private final SwitchboardConfig.Cache settings;

  CacheStatistics(CacheNamespaces namespaces, CacheBackend backend, LocalLevel local, CacheMetrics metrics, SwitchboardConfig config,
      MeterRegistry registry) {
    this.namespaces = namespaces;
    this.backend = backend;
    this.local = local;
    this.metrics = metrics;
    this.settings = config.cache();
    Gauge.builder("switchboard.cache.fallback.active", backend, b -> b.usingRedis() ? 0 : 1)
        .description("1 while this replica's cache answers from its in-memory fallback (Redis unreachable)").register(registry);
    Gauge.builder("switchboard.cache.fallback.entries", backend, b -> b.memory().size())
        .description("Entries in the in-memory fallback").register(registry);
    Gauge.builder("switchboard.cache.local.entries", local, LocalLevel::size).description("Entries in the in-process level").register(registry);
  }

  Uni<CacheStats> stats() {
    Map<String, LongAdder> keys = new ConcurrentHashMap<>();
    String prefix = this.namespaces.keyPrefix();
    return this.backend.run(redis -> redis.forEachPage(Globs.escape(prefix) + "*", (node, page) -> {
      page.forEach(key -> countKey(keys, key));
      return Uni.createFrom().item((long) page.size());
    }), () -> {
      keys.clear();
      this.backend.memory().entriesWithPrefix(prefix).keySet().forEach(key -> countKey(keys, key));
      return 0L;
    }, this.settings.hardTimeout()).map(served -> {
      List<CacheStats.NamespaceStats> perNamespace = new ArrayList<>();
      keys.keySet().forEach(this.namespaces::of);
      for (Namespace ns : this.namespaces.all()) {
        perNamespace.add(namespaceStats(ns, keys.getOrDefault(ns.name(), new LongAdder()).sum()));
      }
      return new CacheStats(served.fromRedis() ? CacheHealth.REDIS : CacheHealth.IN_MEMORY, perNamespace,
          new CacheStats.Level(this.local.size(), this.local.maxEntries(), this.local.trusted()),
          new CacheStats.Level(this.backend.memory().size(), this.backend.memory().maxEntries(), !served.fromRedis()));
    });
  }

  CacheLevels levels() {
    List<String> local = this.namespaces.all().stream().filter(Namespace::local).map(Namespace::name).toList();
    return new CacheLevels(new CacheLevels.InProcess(this.local.size(), this.local.maxEntries(), this.local.trusted(), local),
        new CacheLevels.Fallback(this.backend.memory().size(), this.backend.memory().maxEntries(), !this.backend.usingRedis()),
        operations(true), operations(false));
  }

  private CacheLevels.Operations operations(boolean redis) {
    return new CacheLevels.Operations(this.metrics.totalOfAll(Operation.HIT, redis), this.metrics.totalOfAll(Operation.MISS, redis),
        this.metrics.totalOfAll(Operation.SET, redis), this.metrics.totalOfAll(Operation.DELETE, redis),
        this.metrics.totalOfAll(Operation.STALE, redis), this.metrics.totalOfAll(Operation.ERROR, redis));
  }

  private void countKey(Map<String, LongAdder> keys, String key) {
    String namespace = this.namespaces.namespaceOfKey(key);
    if (namespace != null && CacheNamespaces.isValidName(namespace)) {
      keys.computeIfAbsent(namespace, n -> new LongAdder()).increment();
    }
  }

  /** Operations are counted per metric tag: namespaces outside the known ones share {@code other}. */
  private CacheStats.NamespaceStats namespaceStats(Namespace ns, long keys) {
    String tag = ns.tag();
    return new CacheStats.NamespaceStats(ns.name(), keys, this.metrics.total(tag, Operation.HIT, null),
        this.metrics.total(tag, Operation.MISS, null), this.metrics.total(tag, Operation.SET, null),
        this.metrics.total(tag, Operation.DELETE, null), this.metrics.total(tag, Operation.STALE, null),
        this.metrics.total(tag, Operation.ERROR, null), this.metrics.loads(tag), ns.ttl().toSeconds(), ns.grace().toSeconds(), ns.local());
  }
}
