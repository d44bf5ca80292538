package dev.switchboard.operations;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.operations.RedisMemory.Memory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Gauges the alert rules need about Redis itself, per role ({@code queue}, {@code cache}):
 * {@code switchboard_redis_up} (1 when INFO answered at the last refresh), {@code switchboard_redis_memory_used_bytes}
 * and {@code switchboard_redis_memory_max_bytes} (0: no maxmemory). Refreshed every {@code
 * switchboard.health.redis-gauge-interval} (15 s).
 */
@Startup // the series exist from the first scrape
@ApplicationScoped
public class RedisGauges {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private final RedisMemory memory;
  private final Map<String, AtomicReference<Memory>> latest = new ConcurrentHashMap<>();

  public RedisGauges(RedisMemory memory, MeterRegistry registry) {
    this.memory = memory;
    for (String role : new String[] { "queue", "cache" }) {
      AtomicReference<Memory> value = new AtomicReference<>();
      this.latest.put(role, value);
      Gauge.builder("switchboard.redis.up", value, ref -> ref.get() == null ? 0 : 1).description("1 when this Redis answered the last check")
          .tag("role", role).register(registry);
      Gauge.builder("switchboard.redis.memory.used.bytes", value, ref -> ref.get() == null ? Double.NaN : ref.get().usedBytes())
          .description("Memory used by this Redis").tag("role", role).register(registry);
      Gauge.builder("switchboard.redis.memory.max.bytes", value, ref -> ref.get() == null ? Double.NaN : ref.get().maxBytes())
          .description("maxmemory of this Redis (0: none)").tag("role", role).register(registry);
    }
  }

  // not while the application starts (see QueueMaintenanceJob's gauges: the Redis clients are being created then)
  @Scheduled(identity = "redis-gauges", every = "${switchboard.health.redis-gauge-interval:15s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> refresh() {
    return Uni.combine().all().unis(read("queue", this.memory.queue()), read("cache", this.memory.cache())).discardItems();
  }

  private Uni<Void> read(String role, Uni<Memory> info) {
    return info.ifNoItem().after(TIMEOUT).fail().invoke(this.latest.get(role)::set)
        .onFailure().invoke(() -> this.latest.get(role).set(null)).onFailure().recoverWithNull().replaceWithVoid();
  }
}
