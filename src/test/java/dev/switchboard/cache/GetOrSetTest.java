package dev.switchboard.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.redis.RedisClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** getOrSet: one load per key however many callers, no cached failures, stale values when the loader fails or is slow. */
@QuarkusTest
class GetOrSetTest {

  static final Duration WAIT = Duration.ofSeconds(10);

  @Inject
  CacheService cache;

  @Inject
  MeterRegistry registry;

  @Inject
  @RedisClientName(RedisClients.CACHE)
  ReactiveRedisDataSource redis;

  final AtomicInteger loads = new AtomicInteger();

  @Test
  void shouldLoadOnAMissAndHitAfterwards() {
    String key = unique();
    CacheResult<String> first = this.cache.getOrSet(CacheNamespaces.DEFAULT, key, String.class, () -> counted("loaded")).await().atMost(WAIT);
    CacheResult<String> second = this.cache.getOrSet(CacheNamespaces.DEFAULT, key, String.class, () -> counted("again")).await().atMost(WAIT);

    assertThat(first).isEqualTo(new CacheResult<>("loaded", CacheStatus.MISS));
    assertThat(second).isEqualTo(new CacheResult<>("loaded", CacheStatus.HIT));
    assertThat(this.loads).hasValue(1);
  }

  @Test
  void shouldShareOneLoadBetweenTwentyConcurrentCallers() {
    String key = unique();
    CompletableFuture<String> release = new CompletableFuture<>();
    List<CompletableFuture<CacheResult<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      calls.add(this.cache.getOrSet(CacheNamespaces.DEFAULT, key, String.class, () -> {
        this.loads.incrementAndGet();
        return Uni.createFrom().completionStage(release);
      }).subscribeAsCompletionStage());
    }
    // every caller is waiting on the one load that started
    await().atMost(WAIT).untilAsserted(() -> assertThat(this.loads).hasValue(1));
    release.complete("shared");

    for (CompletableFuture<CacheResult<String>> call : calls) {
      assertThat(call.join()).isEqualTo(new CacheResult<>("shared", CacheStatus.MISS));
    }
    assertThat(this.loads).hasValue(1);
  }

  @Test
  void shouldNeverCacheALoaderFailure() {
    String key = unique();
    assertThatThrownBy(() -> this.cache.getOrSet(CacheNamespaces.DEFAULT, key, String.class, () -> {
      this.loads.incrementAndGet();
      return Uni.createFrom().failure(new IllegalStateException("source down"));
    }).await().atMost(WAIT)).hasMessageContaining("source down");

    assertThat(this.redis.key().exists("sb:cache:default:" + key).await().atMost(WAIT)).isFalse();
    assertThat(this.cache.getOrSet(CacheNamespaces.DEFAULT, key, String.class, () -> counted("recovered")).await().atMost(WAIT).value())
        .isEqualTo("recovered");
    assertThat(this.loads).hasValue(2);
  }

  @Test
  void shouldServeTheStaleValueWhenTheLoaderFailsAndCountIt() {
    String key = unique();
    staleEntry(key, "yesterday's");
    double staleBefore = staleCount();

    CacheResult<String> result = this.cache.getOrSet(CacheNamespaces.SALON, key, String.class,
        () -> Uni.createFrom().failure(new IllegalStateException("source down"))).await().atMost(WAIT);

    assertThat(result).isEqualTo(new CacheResult<>("yesterday's", CacheStatus.STALE));
    assertThat(staleCount() - staleBefore).isEqualTo(1);
  }

  @Test
  void shouldServeTheStaleValueAfterTheSoftTimeoutAndRefreshInTheBackground() {
    String key = unique();
    staleEntry(key, "old");
    CompletableFuture<String> slowSource = new CompletableFuture<>();

    CacheResult<String> result = this.cache.getOrSet(CacheNamespaces.SALON, key, String.class,
        () -> Uni.createFrom().completionStage(slowSource)).await().atMost(WAIT);
    assertThat(result).isEqualTo(new CacheResult<>("old", CacheStatus.STALE));

    slowSource.complete("new");
    await().atMost(WAIT).untilAsserted(() -> assertThat(this.cache.get(CacheNamespaces.SALON, key, String.class).await().atMost(WAIT))
        .contains("new"));
  }

  @Test
  void shouldTakeOverTheLockOfAReplicaThatDiedWhileLoading() {
    String key = unique();
    // another replica took the load lock and died: its lease runs out after 300 ms
    this.redis.value(String.class).set("sb:lock:cache:default:" + key, "dead-replica", new SetArgs().px(300)).await().atMost(WAIT);
    double waitsBefore = counter("switchboard.cache.lock.waits", "default");

    CacheResult<String> result = this.cache.getOrSet(CacheNamespaces.DEFAULT, key, String.class, () -> counted("mine")).await().atMost(WAIT);

    assertThat(result).isEqualTo(new CacheResult<>("mine", CacheStatus.MISS));
    assertThat(this.loads).hasValue(1);
    assertThat(counter("switchboard.cache.lock.waits", "default") - waitsBefore).isEqualTo(1);
    assertThat(this.redis.key().exists("sb:lock:cache:default:" + key).await().atMost(WAIT)).isFalse();
  }

  @Test
  void shouldTakeTheValueAnotherReplicaLoadedInsteadOfLoading() {
    String key = unique();
    this.redis.value(String.class).set("sb:lock:cache:default:" + key, "other-replica", new SetArgs().px(10_000)).await().atMost(WAIT);
    CompletableFuture<CacheResult<String>> waiting = this.cache.getOrSet(CacheNamespaces.DEFAULT, key, String.class, () -> counted("mine"))
        .subscribeAsCompletionStage();
    await().atMost(WAIT).until(() -> counter("switchboard.cache.lock.waits", "default") > 0 && !waiting.isDone());

    // the other replica stores its value and releases its lock
    this.cache.set(CacheNamespaces.DEFAULT, key, "theirs").await().atMost(WAIT);
    this.redis.key().del("sb:lock:cache:default:" + key).await().atMost(WAIT);

    assertThat(waiting.join()).isEqualTo(new CacheResult<>("theirs", CacheStatus.HIT));
    assertThat(this.loads).hasValue(0);
  }

  @Test
  void shouldNotPutBackWhatADeleteRemovedDuringTheLoad() {
    String key = unique();
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<CacheResult<String>> loading = this.cache.getOrSet(CacheNamespaces.DEFAULT, key, String.class,
        () -> Uni.createFrom().completionStage(source)).subscribeAsCompletionStage();
    await().atMost(WAIT).until(() -> this.redis.key().exists("sb:lock:cache:default:" + key).await().atMost(WAIT));

    this.cache.delete(CacheNamespaces.DEFAULT, key).await().atMost(WAIT);
    source.complete("read before the delete");

    assertThat(loading.join()).isEqualTo(new CacheResult<>("read before the delete", CacheStatus.MISS));
    assertThat(this.cache.get(CacheNamespaces.DEFAULT, key, String.class).await().atMost(WAIT)).isEmpty();
  }

  /** An entry past its TTL and within its grace (salon keeps stale values for 10 minutes). */
  private void staleEntry(String key, String value) {
    this.cache.set(CacheNamespaces.SALON, key, value, Duration.ofMillis(50)).await().atMost(WAIT);
    await().atMost(WAIT).until(() -> this.cache.get(CacheNamespaces.SALON, key, String.class).await().atMost(WAIT).isEmpty());
    assertThat(this.redis.key().exists("sb:cache:salon:" + key).await().atMost(WAIT)).isTrue();
  }

  private Uni<String> counted(String value) {
    this.loads.incrementAndGet();
    return Uni.createFrom().item(value);
  }

  private double staleCount() {
    return this.registry.find("cache.operations").tag("operation", "stale").tag("resource", "salon").counters().stream()
        .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
  }

  private double counter(String name, String resource) {
    var counter = this.registry.find(name).tag("resource", resource).counter();
    return counter == null ? 0 : counter.count();
  }

  static String unique() {
    return UUID.randomUUID().toString();
  }
}
