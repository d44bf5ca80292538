package dev.switchboard.cache.template;

import java.time.Instant;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.cache.CacheNamespaces;
import dev.switchboard.cache.CacheService;
import dev.switchboard.cache.CacheStatus;
import dev.switchboard.config.SwitchboardConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Templates created once per key and data: {@link #getOrCreate} looks up {@code <key>:<hash of the data>} in the
 * {@code template} namespace (Redis, so a restart or another replica finds what was created) and runs the creator
 * only when it is not there, once however many callers ask at the same time. Every lookup is a hit or a miss, every
 * creator run a creation, counted in {@link TemplateMetrics}.
 */
@Startup // its Prometheus series exist from start-up, before the first lookup, for the alert rules
@ApplicationScoped
public class TemplateCache {

  private final CacheService cache;
  private final ObjectMapper mapper;
  private final TemplateMetrics metrics;

  public TemplateCache(CacheService cache, ObjectMapper mapper, MeterRegistry registry, SwitchboardConfig config) {
    this.cache = cache;
    this.mapper = mapper;
    this.metrics = new TemplateMetrics(config.cache().template(), registry, System::currentTimeMillis);
  }

  /**
   * The template for the key and data: from the cache, or made by {@code creator} and stored for the template TTL. A
   * failing creator fails the call (counted as a miss) and stores nothing.
   */
  public <T> Uni<TemplateResult<T>> getOrCreate(String key, Object data, Class<T> type, Supplier<Uni<TemplateCreation<T>>> creator) {
    String hash = TemplateHash.of(data, this.mapper);
    return this.cache.getOrSet(CacheNamespaces.TEMPLATE, key + ":" + hash, TemplateRecord.class, () -> creator.get().map(created -> {
      this.metrics.record(key, TemplateEvent.Kind.CREATION, hash, created.templateId(), created.source());
      return new TemplateRecord(key, hash, created.templateId(), created.source(), Instant.now(), this.mapper.valueToTree(created.template()));
    })).map(result -> {
      TemplateRecord stored = result.value();
      boolean hit = result.status() != CacheStatus.MISS;
      this.metrics.record(key, hit ? TemplateEvent.Kind.HIT : TemplateEvent.Kind.MISS, hash, stored.templateId(), stored.source());
      return new TemplateResult<>(templateOf(stored, type), hit, hash, stored.templateId(), stored.source(), stored.createdAt());
    }).onFailure().invoke(failure -> this.metrics.record(key, TemplateEvent.Kind.MISS, hash, null, null));
  }

  public TemplateMetrics metrics() {
    return this.metrics;
  }

  private <T> T templateOf(TemplateRecord stored, Class<T> type) {
    try {
      return this.mapper.treeToValue(stored.template(), type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cached template is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }
}
