package dev.switchboard.cache;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.cache.store.CacheBackend;
import dev.switchboard.testing.RespConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;

/**
 * The cache while its Redis is gone or slow: every operation answers from memory, health says degraded and
 * in-memory, and once Redis answers again the cache is back on it, with the outage's deletes applied there.
 */
@QuarkusTest
@TestProfile(OwnCacheRedis.class)
class CacheOutageTest {

  static final Duration WAIT = Duration.ofSeconds(20);

  @Inject
  CacheService cache;

  @Inject
  MeterRegistry registry;

  @AfterEach
  void restoreRedis() throws Exception {
    OwnCacheRedis.Server.server().start();
    try (RespConnection redis = connection()) {
      redis.call("CLIENT", "UNPAUSE");
    }
    await().atMost(WAIT).untilAsserted(() -> given().get("/health/detailed").then().body("checks.cache.type", equalTo("redis")));
  }

  @Test
  void shouldServeEveryOperationFromMemoryWhileRedisIsDownAndReturnToRedisAfterwards() throws Exception {
    String before = unique();
    this.cache.set(CacheNamespaces.DEFAULT, before, "written before").await().atMost(WAIT);
    given().get("/health/detailed").then().statusCode(200).body("status", equalTo("healthy")).body("checks.cache.type", equalTo("redis"));
    double memoryHits = count("memory", "hit");

    OwnCacheRedis.Server.server().stop();

    String key = unique();
    this.cache.set(CacheNamespaces.DEFAULT, key, "during the outage").await().atMost(WAIT);
    await().atMost(WAIT).untilAsserted(() -> given().get("/health/detailed").then().statusCode(200)
        .body("status", equalTo("degraded")).body("checks.cache.type", equalTo("in-memory")).body("checks.redis.status", equalTo("up")));
    this.cache.set(CacheNamespaces.DEFAULT, key, "during the outage").await().atMost(WAIT);
    assertThat(this.cache.get(CacheNamespaces.DEFAULT, key, String.class).await().atMost(WAIT)).contains("during the outage");
    assertThat(this.cache.exists(CacheNamespaces.DEFAULT, key).await().atMost(WAIT)).isTrue();
    assertThat(count("memory", "hit")).isGreaterThan(memoryHits);

    Map<String, Integer> many = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      many.put(unique(), i);
    }
    this.cache.bulkSet(CacheNamespaces.DASHBOARD_STATS, many, Duration.ofMinutes(1)).await().atMost(WAIT);
    assertThat(this.cache.bulkGet(CacheNamespaces.DASHBOARD_STATS, many.keySet(), Integer.class).await().atMost(WAIT)).isEqualTo(many);
    String counter = unique();
    assertThat(this.cache.increment(CacheNamespaces.DEFAULT, counter, 2).await().atMost(WAIT)).isEqualTo(2);
    assertThat(this.cache.increment(CacheNamespaces.DEFAULT, counter, 3).await().atMost(WAIT)).isEqualTo(5);
    assertThat(this.cache.expire(CacheNamespaces.DEFAULT, key, Duration.ofMinutes(5)).await().atMost(WAIT)).isTrue();
    AtomicInteger loads = new AtomicInteger();
    String loaded = unique();
    for (int i = 0; i < 3; i++) {
      this.cache.getOrSet(CacheNamespaces.SALON, loaded, String.class, () -> Uni.createFrom().item("loaded " + loads.incrementAndGet()))
          .await().atMost(WAIT);
    }
    assertThat(loads).hasValue(1);
    assertThat(this.cache.flush(CacheNamespaces.DASHBOARD_STATS).await().atMost(WAIT)).isEqualTo(10);
    assertThat(this.cache.delete(CacheNamespaces.DEFAULT, key).await().atMost(WAIT)).isTrue();
    assertThat(this.cache.get(CacheNamespaces.DEFAULT, key, String.class).await().atMost(WAIT)).isEmpty();
    // deleted while Redis cannot hear it: replayed on Redis when it is back
    assertThat(this.cache.delete(CacheNamespaces.DEFAULT, before).await().atMost(WAIT)).isFalse();
    // TTLs are honoured in memory too
    String brief = unique();
    this.cache.set(CacheNamespaces.DEFAULT, brief, "brief", Duration.ofMillis(100)).await().atMost(WAIT);
    await().atMost(WAIT).until(() -> this.cache.get(CacheNamespaces.DEFAULT, brief, String.class).await().atMost(WAIT).isEmpty());

    OwnCacheRedis.Server.server().start();

    await().atMost(WAIT).untilAsserted(() -> given().get("/health/detailed").then().statusCode(200)
        .body("status", equalTo("healthy")).body("checks.cache.type", equalTo("redis")));
    assertThat(this.cache.get(CacheNamespaces.DEFAULT, before, String.class).await().atMost(WAIT)).isEmpty();
    assertThat(raw("sb:cache:default:" + before)).isNull();
    // what was written during the outage lived in this replica's memory only
    assertThat(this.cache.get(CacheNamespaces.SALON, loaded, String.class).await().atMost(WAIT)).isEmpty();
    String after = unique();
    this.cache.set(CacheNamespaces.DEFAULT, after, "on Redis again").await().atMost(WAIT);
    assertThat(raw("sb:cache:default:" + after)).endsWith("|\"on Redis again\"");
  }

  @Test
  void shouldBoundTheFallbackToItsEntries() {
    OwnCacheRedis.Server.server().stop();
    await().atMost(WAIT).untilAsserted(() -> given().get("/health/detailed").then().body("checks.cache.type", equalTo("in-memory")));
    String first = unique();
    this.cache.set(CacheNamespaces.DEFAULT, first, 0).await().atMost(WAIT);
    for (int i = 0; i < 3 * OwnCacheRedis.FALLBACK_ENTRIES; i++) {
      this.cache.set(CacheNamespaces.DEFAULT, unique(), i).await().atMost(WAIT);
    }

    given().get("/health/detailed").then().body("checks.cache.type", equalTo("in-memory"));
    assertThat(this.cache.get(CacheNamespaces.DEFAULT, first, Integer.class).await().atMost(WAIT)).isEmpty();
    long kept = this.cache.stats().await().atMost(WAIT).fallback().entries();
    assertThat(kept).isLessThanOrEqualTo(OwnCacheRedis.FALLBACK_ENTRIES);
  }

  @Test
  void shouldAnswerWithinTheRedisTimeoutWhenRedisStopsAnswering() throws Exception {
    String key = unique();
    this.cache.set(CacheNamespaces.DEFAULT, key, "value").await().atMost(WAIT);
    double errors = count("redis", "error");
    try (RespConnection redis = connection()) {
      // every command of every client waits 10 s from now: a Redis that stopped answering
      redis.call("CLIENT", "PAUSE", "10000", "ALL");
      long start = System.nanoTime();
      for (int i = 0; i < CacheBackend.TIMEOUTS_FOR_OUTAGE; i++) {
        assertThat(this.cache.get(CacheNamespaces.DEFAULT, key, String.class).await().atMost(WAIT)).isEmpty();
      }
      long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
      // three reads, each given up after the 250 ms timeout, long before the pause ends
      assertThat(elapsedMillis).isLessThan(5000);
      assertThat(count("redis", "error") - errors).isEqualTo(CacheBackend.TIMEOUTS_FOR_OUTAGE);
      given().get("/health/detailed").then().body("status", equalTo("degraded")).body("checks.cache.type", equalTo("in-memory"));
      redis.call("CLIENT", "UNPAUSE");
    }
    await().atMost(WAIT).untilAsserted(() -> given().get("/health/detailed").then().body("checks.cache.type", equalTo("redis")));
    assertThat(this.cache.get(CacheNamespaces.DEFAULT, key, String.class).await().atMost(WAIT)).contains("value");
  }

  private double count(String type, String operation) {
    return this.registry.find("cache.operations").tag("type", type).tag("operation", operation).counters().stream()
        .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
  }

  private static String raw(String key) throws Exception {
    try (RespConnection redis = connection()) {
      return (String) redis.call(List.of("GET", key));
    }
  }

  private static RespConnection connection() throws Exception {
    return new RespConnection(OwnCacheRedis.Server.server().port());
  }

  static String unique() {
    return UUID.randomUUID().toString();
  }
}
