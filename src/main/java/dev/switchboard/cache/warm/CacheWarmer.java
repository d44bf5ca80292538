package dev.switchboard.cache.warm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import dev.switchboard.cache.CacheService;
import dev.switchboard.cache.CacheStatus;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Fills the cache ahead of the first requests: the entries of every {@link CacheWarmup} bean at start-up (in the
 * background: start-up does not wait), or given entries on demand. Eight loads at a time; with several replicas
 * starting at once each entry is still loaded once (getOrSet's lock). A forced warming reloads every entry.
 */
@ApplicationScoped
public class CacheWarmer {

  private static final int CONCURRENCY = 8;

  private final CacheService cache;
  private final Instance<CacheWarmup> warmups;

  public CacheWarmer(CacheService cache, @Any Instance<CacheWarmup> warmups) {
    this.cache = cache;
    this.warmups = warmups;
  }

  void onStart(@Observes StartupEvent event) {
    warmAll(false).subscribe().with(report -> {
      if (report.entries() > 0) {
        Log.infof("Cache warmed at start-up: %d entries, %d loaded, %d already cached, %d failed", report.entries(), report.loaded(),
            report.alreadyCached(), report.failed());
      }
    }, failure -> Log.warnf("Cache warming at start-up failed: %s", failure.getMessage()));
  }

  /** Warms the entries of every {@link CacheWarmup} bean. */
  public Uni<WarmReport> warmAll(boolean force) {
    List<WarmEntry<?>> entries = new ArrayList<>();
    this.warmups.forEach(warmup -> entries.addAll(warmup.entries()));
    return warm(entries, force);
  }

  /** Loads the entries that are not cached yet (all of them when {@code force}). A failing loader is counted, not thrown. */
  public Uni<WarmReport> warm(List<WarmEntry<?>> entries, boolean force) {
    if (entries.isEmpty()) {
      return Uni.createFrom().item(new WarmReport(0, 0, 0, 0));
    }
    AtomicInteger loaded = new AtomicInteger();
    AtomicInteger cached = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    return Multi.createFrom().iterable(entries)
        .onItem().transformToUni(entry -> warmOne(entry, force)
            .invoke(fresh -> (fresh ? loaded : cached).incrementAndGet())
            .onFailure().recoverWithItem(failure -> {
              failed.incrementAndGet();
              Log.debugf("Warming %s:%s failed: %s", entry.namespace(), entry.key(), failure.getMessage());
              return false;
            }))
        .merge(CONCURRENCY)
        .collect().last()
        .map(done -> new WarmReport(entries.size(), loaded.get(), cached.get(), failed.get()));
  }

  /** True when the entry was loaded, false when it was already cached. */
  private <T> Uni<Boolean> warmOne(WarmEntry<T> entry, boolean force) {
    if (force) {
      return Uni.createFrom().deferred(() -> entry.loader().get()).chain(value -> this.cache.set(entry.namespace(), entry.key(), value, entry.ttl()))
          .replaceWith(true);
    }
    return this.cache.getOrSet(entry.namespace(), entry.key(), entry.type(), entry.loader(), entry.ttl())
        .map(result -> result.status() != CacheStatus.HIT);
  }
}
