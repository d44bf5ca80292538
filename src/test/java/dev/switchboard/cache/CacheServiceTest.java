package dev.switchboard.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.switchboard.redis.RedisClients;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** The plain operations against the real Redis: what lands under which key, with which expiry, and what comes back. */
@QuarkusTest
class CacheServiceTest {

  static final Duration WAIT = Duration.ofSeconds(5);

  @Inject
  CacheService cache;

  @Inject
  @RedisClientName(RedisClients.CACHE)
  ReactiveRedisDataSource redis;

  @Test
  void shouldStoreJsonUnderTheNamespacedKeyWithTheNamespaceTtlPlusGrace() {
    String key = unique();
    this.cache.set(CacheNamespaces.SALON, key, new Salon("Hair & Co", List.of("cut", "dye"))).await().atMost(WAIT);

    assertThat(this.cache.get(CacheNamespaces.SALON, key, Salon.class).await().atMost(WAIT))
        .contains(new Salon("Hair & Co", List.of("cut", "dye")));
    Map<String, Object> asMap = this.cache.get(CacheNamespaces.SALON, key, new TypeReference<Map<String, Object>>() { })
        .await().atMost(WAIT).orElseThrow();
    assertThat(asMap).containsEntry("name", "Hair & Co");
    String raw = raw("sb:cache:salon:" + key);
    assertThat(raw).endsWith("|{\"name\":\"Hair & Co\",\"services\":[\"cut\",\"dye\"]}");
    // salon: TTL 1800 s, grace 10 min (application.properties)
    long pttl = this.redis.key().pttl("sb:cache:salon:" + key).await().atMost(WAIT);
    assertThat(pttl).isBetween(2_390_000L, 2_400_000L);
    long logicalExpiry = Long.parseLong(raw.substring(0, raw.indexOf('|')));
    assertThat(logicalExpiry - System.currentTimeMillis()).isBetween(1_790_000L, 1_800_000L);
  }

  @Test
  void shouldDeleteAndAnswerExists() {
    String key = unique();
    assertThat(this.cache.exists(CacheNamespaces.DEFAULT, key).await().atMost(WAIT)).isFalse();
    this.cache.set(CacheNamespaces.DEFAULT, key, "value", Duration.ofMinutes(1)).await().atMost(WAIT);
    assertThat(this.cache.exists(CacheNamespaces.DEFAULT, key).await().atMost(WAIT)).isTrue();

    assertThat(this.cache.delete(CacheNamespaces.DEFAULT, key).await().atMost(WAIT)).isTrue();
    assertThat(this.cache.exists(CacheNamespaces.DEFAULT, key).await().atMost(WAIT)).isFalse();
    assertThat(this.cache.get(CacheNamespaces.DEFAULT, key, String.class).await().atMost(WAIT)).isEmpty();
    assertThat(this.cache.delete(CacheNamespaces.DEFAULT, key).await().atMost(WAIT)).isFalse();
  }

  @Test
  void shouldReadAndWriteManyKeysInOneCall() {
    Map<String, Integer> values = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      values.put(unique(), i);
    }
    this.cache.bulkSet(CacheNamespaces.DASHBOARD_STATS, values, Duration.ofMinutes(2)).await().atMost(WAIT);
    List<String> keys = new ArrayList<>(values.keySet());
    keys.add(unique());

    Map<String, Integer> found = this.cache.bulkGet(CacheNamespaces.DASHBOARD_STATS, keys, Integer.class).await().atMost(WAIT);

    assertThat(found).isEqualTo(values);
    assertThat(this.redis.key().pttl("sb:cache:dashboard-stats:" + keys.get(0)).await().atMost(WAIT)).isBetween(710_000L, 720_000L);
  }

  @Test
  void shouldIncrementAndExpire() {
    String key = unique();
    assertThat(this.cache.increment(CacheNamespaces.DEFAULT, key, 5).await().atMost(WAIT)).isEqualTo(5);
    assertThat(this.cache.increment(CacheNamespaces.DEFAULT, key, -2).await().atMost(WAIT)).isEqualTo(3);
    assertThat(this.cache.get(CacheNamespaces.DEFAULT, key, Long.class).await().atMost(WAIT)).contains(3L);
    assertThat(this.redis.key().pttl("sb:cache:default:" + key).await().atMost(WAIT)).isBetween(3_590_000L, 3_600_000L);

    String entry = unique();
    this.cache.set(CacheNamespaces.DEFAULT, entry, "v").await().atMost(WAIT);
    assertThat(this.cache.expire(CacheNamespaces.DEFAULT, entry, Duration.ofSeconds(30)).await().atMost(WAIT)).isTrue();
    assertThat(this.redis.key().pttl("sb:cache:default:" + entry).await().atMost(WAIT)).isBetween(620_000L, 630_000L);
    String raw = raw("sb:cache:default:" + entry);
    assertThat(Long.parseLong(raw.substring(0, raw.indexOf('|'))) - System.currentTimeMillis()).isBetween(25_000L, 30_000L);
    assertThat(this.cache.expire(CacheNamespaces.DEFAULT, unique(), Duration.ofSeconds(30)).await().atMost(WAIT)).isFalse();
  }

  @Test
  void shouldFlushOneNamespaceOverManyScanPages() {
    String namespace = "flush-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < 1200; i++) {
      values.put("k" + i, "v" + i);
    }
    this.cache.bulkSet(namespace, values, Duration.ofMinutes(5)).await().atMost(WAIT);
    String other = unique();
    this.cache.set(CacheNamespaces.DEFAULT, other, "stays").await().atMost(WAIT);

    assertThat(this.cache.flush(namespace).await().atMost(WAIT)).isEqualTo(1200);

    assertThat(this.cache.bulkGet(namespace, values.keySet(), String.class).await().atMost(WAIT)).isEmpty();
    assertThat(this.cache.get(CacheNamespaces.DEFAULT, other, String.class).await().atMost(WAIT)).contains("stays");
    assertThat(this.cache.flush(namespace).await().atMost(WAIT)).isZero();
  }

  @Test
  void shouldKeepEntriesWithoutTtlWhenTheTtlIsZero() {
    String key = unique();
    this.cache.set(CacheNamespaces.FLAG, key, true).await().atMost(WAIT);
    assertThat(this.redis.key().pttl("sb:cache:flag:" + key).await().atMost(WAIT)).isEqualTo(-1);
    assertThat(raw("sb:cache:flag:" + key)).isEqualTo("0|true");
    Optional<Boolean> flag = this.cache.get(CacheNamespaces.FLAG, key, Boolean.class).await().atMost(WAIT);
    assertThat(flag).contains(true);
  }

  private String raw(String key) {
    return this.redis.value(String.class).get(key).await().atMost(WAIT);
  }

  static String unique() {
    return UUID.randomUUID().toString();
  }

  public record Salon(String name, List<String> services) {
  }
}
