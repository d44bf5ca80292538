package dev.switchboard.health;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.switchboard.cache.CacheHealth;
import dev.switchboard.cache.CacheService;
import dev.switchboard.metrics.BuildInfo;
import dev.switchboard.queue.ConsumerHealth;
import dev.switchboard.queue.QueueHealth;
import dev.switchboard.redis.EvictionPolicies;
import dev.switchboard.redis.RedisProbe;
import dev.switchboard.redis.RedisProbe.PingResult;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Builds the detailed health report. Queue Redis down is {@code unhealthy} (nothing can be accepted), and so is a
 * queue whose consumers cannot fetch or acknowledge (they do not make progress, whatever PING says); the cache layer
 * on its in-memory fallback, or a queue Redis that may evict keys, is {@code degraded}.
 */
@ApplicationScoped
public class DetailedHealthService {

  private static final Path PROC_STATUS = Path.of("/proc/self/status");

  private final RedisProbe probe;
  private final CacheService cache;
  private final BuildInfo buildInfo;
  private final QueueHealth queues;
  private volatile Instant startedAt = Instant.now();

  public DetailedHealthService(RedisProbe probe, CacheService cache, BuildInfo buildInfo, QueueHealth queues) {
    this.probe = probe;
    this.cache = cache;
    this.buildInfo = buildInfo;
    this.queues = queues;
  }

  void onStart(@Observes StartupEvent event) {
    this.startedAt = Instant.now();
  }

  public Uni<DetailedHealth> report() {
    return Uni.combine().all().unis(this.probe.pingQueue(), this.cache.health(), this.probe.queueEvictionPolicies())
        .with((queue, cache, policies) -> build(queue, cache, policies));
  }

  private DetailedHealth build(PingResult queue, CacheHealth cache, EvictionPolicies policies) {
    String warning = policies.warning().orElse(null);
    var redis = queue.up()
        ? new DetailedHealth.Redis("up", queue.latencyMs(), policies.policy().orElse(null), warning, null)
        : new DetailedHealth.Redis("down", null, null, null, queue.error());
    // the cache layer's own mode: it serves from its in-memory fallback while its Redis does not answer
    var cacheCheck = new DetailedHealth.Cache(cache.type(), cache.latencyMs(), cache.error());
    List<DetailedHealth.Queue> consumers = this.queues.consumers().stream().map(DetailedHealthService::consumer).toList();
    boolean consumersStuck = consumers.stream().anyMatch(consumer -> "down".equals(consumer.status()));
    String status = !queue.up() || consumersStuck ? DetailedHealth.UNHEALTHY
        : (!cache.onRedis() || warning != null) ? DetailedHealth.DEGRADED
        : DetailedHealth.HEALTHY;
    long uptime = Duration.between(this.startedAt, Instant.now()).toSeconds();
    return new DetailedHealth(status, this.buildInfo.version(), uptime,
        new DetailedHealth.Checks(redis, cacheCheck, consumers, memory()));
  }

  private static DetailedHealth.Queue consumer(ConsumerHealth health) {
    return health.healthy()
        ? new DetailedHealth.Queue(health.queue(), health.channel(), "up", null, null)
        : new DetailedHealth.Queue(health.queue(), health.channel(), "down", health.error(), health.failingSince());
  }

  private static DetailedHealth.Memory memory() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    return new DetailedHealth.Memory(memory.getHeapMemoryUsage().getUsed(), memory.getHeapMemoryUsage().getMax(),
        memory.getNonHeapMemoryUsage().getUsed(), residentSetBytes());
  }

  /** Resident set size from procfs (a memory read, not disk I/O); -1 where there is no procfs. */
  static long residentSetBytes() {
    try {
      List<String> lines = Files.readAllLines(PROC_STATUS);
      for (String line : lines) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.trim().split("\\s+");
          return Long.parseLong(parts[1]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or procfs unreadable: report unknown
    }
    return -1;
  }
}
