package dev.switchboard.cache.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.cache.CacheMetrics;
import dev.switchboard.cache.CacheNamespaces;
import dev.switchboard.cache.store.CacheBackend;
import dev.switchboard.cache.store.MemoryStore;
import dev.switchboard.redis.LuaScript;
import io.smallrye.mutiny.Uni;

/**
 * Rate limits shared by all replicas, in the {@code ratelimit} namespace: a fixed window (a counter that starts with
 * the window's first call, {@code <prefix>:cache:ratelimit:fixed:<name>:<subject>}) or a sliding window (a log of
 * the admitted calls on Redis's clock, {@code …:sliding:<name>:<subject>}). One script call each; while Redis cannot
 * be reached the same limits hold per replica, in memory.
 */
@ApplicationScoped
public class RateLimiter {

  private static final LuaScript FIXED = LuaScript.fromResources("cache/lua/fixed-window.lua");
  private static final LuaScript SLIDING = LuaScript.fromResources("cache/lua/sliding-window.lua");

  private final CacheBackend backend;
  private final CacheMetrics metrics;
  private final CacheNamespaces.Namespace namespace;

  public RateLimiter(CacheBackend backend, CacheMetrics metrics, CacheNamespaces namespaces) {
    this.backend = backend;
    this.metrics = metrics;
    this.namespace = namespaces.of(CacheNamespaces.RATELIMIT);
  }

  /** Counts the call in the subject's current window of {@code window}; allowed while the count is at most {@code limit}. */
  public Uni<RateLimit> fixedWindow(String name, String subject, int limit, Duration window) {
    String key = key("fixed", name, subject);
    long windowMillis = window.toMillis();
    return this.backend.run(redis -> redis.script(FIXED, List.of(key), List.of(Long.toString(windowMillis)))
        .map(reply -> new long[] { reply.get(0).toLong(), reply.get(1).toLong() }), () -> fixedInMemory(key, windowMillis))
        .map(served -> {
          this.metrics.count(this.namespace.tag(), served.fromRedis(), CacheMetrics.Operation.SET);
          long count = served.value()[0];
          return new RateLimit(count <= limit, limit, count, Math.max(0, limit - count), Instant.now().plusMillis(served.value()[1]));
        });
  }

  /** Admits the call if fewer than {@code limit} calls of the subject were admitted in the last {@code window}. */
  public Uni<RateLimit> slidingWindow(String name, String subject, int limit, Duration window) {
    String key = key("sliding", name, subject);
    long windowMillis = window.toMillis();
    String member = UUID.randomUUID().toString();
    return this.backend.run(redis -> redis.script(SLIDING, List.of(key), List.of(Integer.toString(limit), Long.toString(windowMillis), member))
        .map(reply -> new long[] { reply.get(0).toLong(), reply.get(1).toLong(), reply.get(2).toLong() }),
        () -> slidingInMemory(key, limit, windowMillis))
        .map(served -> {
          this.metrics.count(this.namespace.tag(), served.fromRedis(), CacheMetrics.Operation.SET);
          long[] answer = served.value();
          return new RateLimit(answer[0] == 1, limit, answer[1], Math.max(0, limit - answer[1]), Instant.now().plusMillis(answer[2]));
        });
  }

  /** Forgets the subject's windows (both kinds). */
  public Uni<Void> reset(String name, String subject) {
    String fixed = key("fixed", name, subject);
    String sliding = key("sliding", name, subject);
    return this.backend.run(redis -> redis.unlink(fixed).chain(() -> redis.unlink(sliding)), () -> {
      this.backend.memory().unlink(fixed);
      this.backend.memory().unlink(sliding);
      this.backend.deletedDuringOutage(fixed, this.namespace.keyPrefix());
      this.backend.deletedDuringOutage(sliding, this.namespace.keyPrefix());
      return 0L;
    }).replaceWithVoid();
  }

  private String key(String kind, String name, String subject) {
    return this.namespace.key(kind + ":" + name + ":" + subject);
  }

  private long[] fixedInMemory(String key, long windowMillis) {
    long now = System.currentTimeMillis();
    MemoryStore.Entry entry = this.backend.memory().compute(key, current -> {
      if (current == null || current.expiresAt() <= now || !isNumber(current.payload())) {
        return new MemoryStore.Entry("1", now + windowMillis, null);
      }
      return new MemoryStore.Entry(Long.toString(Long.parseLong(current.payload()) + 1), current.expiresAt(), null);
    });
    return new long[] { Long.parseLong(entry.payload()), entry.expiresAt() - now };
  }

  @SuppressWarnings("unchecked")
  private long[] slidingInMemory(String key, int limit, long windowMillis) {
    long now = System.currentTimeMillis();
    long[] answer = new long[3];
    this.backend.memory().compute(key, current -> {
      ArrayDeque<Long> calls = current != null && current.state() instanceof ArrayDeque<?> known ? (ArrayDeque<Long>) known : new ArrayDeque<>();
      while (!calls.isEmpty() && calls.peekFirst() <= now - windowMillis) {
        calls.pollFirst();
      }
      boolean admitted = calls.size() < limit;
      if (admitted) {
        calls.addLast(now);
      }
      answer[0] = admitted ? 1 : 0;
      answer[1] = calls.size();
      answer[2] = calls.isEmpty() ? windowMillis : calls.peekFirst() + windowMillis - now;
      return new MemoryStore.Entry("sliding-window", now + windowMillis, calls);
    });
    return answer;
  }

  private static boolean isNumber(String payload) {
    return !payload.isEmpty() && payload.chars().allMatch(Character::isDigit);
  }
}
