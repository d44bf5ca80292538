package dev.switchboard.operations;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.cache.CacheService;
import dev.switchboard.cache.CacheStats;
import dev.switchboard.cache.state.UserStateStore;
import dev.switchboard.operations.maintenance.MaintenanceRuns;
import dev.switchboard.queue.QueueAdmin;
import dev.switchboard.queue.QueueCounts;
import dev.switchboard.queue.QueueRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Gathers {@link OperationsStats}: a SCAN of the cache keys, INFO memory of both Redis roles, queue counts, records. */
@ApplicationScoped
public class OperationsOverview {

  private final CacheService cache;
  private final UserStateStore states;
  private final RedisMemory memory;
  private final QueueAdmin queues;
  private final QueueRegistry registry;
  private final MaintenanceRuns runs;

  public OperationsOverview(CacheService cache, UserStateStore states, RedisMemory memory, QueueAdmin queues, QueueRegistry registry,
      MaintenanceRuns runs) {
    this.cache = cache;
    this.states = states;
    this.memory = memory;
    this.queues = queues;
    this.registry = registry;
    this.runs = runs;
  }

  public Uni<OperationsStats> stats() {
    Uni<List<QueueCounts>> queueCounts = Multi.createFrom().iterable(List.copyOf(this.registry.declared()))
        .onItem().transformToUniAndConcatenate(settings -> this.queues.counts(settings.queue())).collect().asList();
    return Uni.combine().all().unis(this.states.count(), this.cache.stats(), this.memory.queue(), this.memory.cache(), queueCounts,
        this.runs.readAll()).with((userStates, cacheStats, queueMemory, cacheMemory, counts, maintenance) -> {
          Map<String, Long> keys = new LinkedHashMap<>();
          for (CacheStats.NamespaceStats ns : cacheStats.namespaces()) {
            keys.put(ns.name(), ns.keys());
          }
          Map<String, RedisMemory.Memory> mem = new LinkedHashMap<>();
          mem.put("queue", queueMemory);
          mem.put("cache", cacheMemory);
          return new OperationsStats(Instant.now().toString(), userStates, cacheStats.type(), keys, mem, counts, maintenance);
        });
  }
}
