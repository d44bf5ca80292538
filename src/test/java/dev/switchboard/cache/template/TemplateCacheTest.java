package dev.switchboard.cache.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.redis.RedisClients;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** getOrCreate against Redis: one creation per key and data (whatever the map order), records kept in Redis, counted. */
@QuarkusTest
class TemplateCacheTest {

  static final Duration WAIT = Duration.ofSeconds(10);

  @Inject
  TemplateCache templates;

  @Inject
  @RedisClientName(RedisClients.CACHE)
  ReactiveRedisDataSource redis;

  final AtomicInteger creations = new AtomicInteger();

  @Test
  void shouldCreateOncePerDataWhateverTheOrderOfItsMap() {
    String key = "booking_reminder-" + UUID.randomUUID();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("salon", "Hair & Co");
    data.put("time", "10:00");
    data.put("services", List.of("cut", "dye"));
    Map<String, Object> reordered = new LinkedHashMap<>();
    reordered.put("services", List.of("cut", "dye"));
    reordered.put("time", "10:00");
    reordered.put("salon", "Hair & Co");
    TemplateFigures.Runtime before = this.templates.metrics().runtime();

    TemplateResult<Message> first = this.templates.getOrCreate(key, data, Message.class, () -> create("Hi from Hair & Co")).await().atMost(WAIT);
    TemplateResult<Message> second = this.templates.getOrCreate(key, reordered, Message.class, () -> create("never")).await().atMost(WAIT);
    TemplateResult<Message> other = this.templates.getOrCreate(key, Map.of("salon", "Barber"), Message.class, () -> create("Hi from Barber"))
        .await().atMost(WAIT);

    assertThat(first.hit()).isFalse();
    assertThat(first.template()).isEqualTo(new Message("Hi from Hair & Co"));
    assertThat(second.hit()).isTrue();
    assertThat(second.template()).isEqualTo(first.template());
    assertThat(second.hash()).isEqualTo(first.hash()).hasSize(16);
    assertThat(other.hash()).isNotEqualTo(first.hash());
    assertThat(this.creations).hasValue(2);
    TemplateFigures.ByKey figures = this.templates.metrics().runtime().byKey().get(key);
    assertThat(figures.hits()).isEqualTo(1);
    assertThat(figures.misses()).isEqualTo(2);
    assertThat(figures.creations()).isEqualTo(2);
    // the key's metadata is its last lookup's
    assertThat(figures.templateId()).isEqualTo("tpl-2");
    assertThat(figures.hash()).isEqualTo(other.hash());
    assertThat(figures.source()).isEqualTo("test");
    TemplateFigures.Runtime after = this.templates.metrics().runtime();
    assertThat(after.totalRequests() - before.totalRequests()).isEqualTo(3);
  }

  @Test
  void shouldKeepTheRecordInRedisWithItsMetadata() {
    String key = "welcome-" + UUID.randomUUID();
    TemplateResult<Message> created = this.templates.getOrCreate(key, Map.of("name", "Ana"), Message.class, () -> create("Hello Ana"))
        .await().atMost(WAIT);

    String raw = this.redis.value(String.class).get("sb:cache:template:" + key + ":" + created.hash()).await().atMost(WAIT);
    assertThat(raw).contains("\"templateId\":\"tpl-1\"", "\"source\":\"test\"", "\"hash\":\"" + created.hash() + "\"", "Hello Ana");
    long pttl = this.redis.key().pttl("sb:cache:template:" + key + ":" + created.hash()).await().atMost(WAIT);
    // template TTL 3600 s, plus the default grace of 10 minutes
    assertThat(pttl).isBetween(4_190_000L, 4_200_000L);
    // whoever asks next (another replica, this one after a restart) finds it in Redis, whatever its own creator does
    TemplateResult<Message> again = this.templates.getOrCreate(key, Map.of("name", "Ana"), Message.class,
        () -> Uni.createFrom().failure(new IllegalStateException("creator down"))).await().atMost(WAIT);
    assertThat(again.hit()).isTrue();
    assertThat(again.template().text()).isEqualTo("Hello Ana");
  }

  @Test
  void shouldCountAFailedCreationAsAMissAndStoreNothing() {
    String key = "broken-" + UUID.randomUUID();
    assertThatThrownBy(() -> this.templates.getOrCreate(key, Map.of(), Message.class,
        () -> Uni.createFrom().failure(new IllegalStateException("creator down"))).await().atMost(WAIT)).hasMessageContaining("creator down");

    TemplateFigures.ByKey figures = this.templates.metrics().runtime().byKey().get(key);
    assertThat(figures.misses()).isEqualTo(1);
    assertThat(figures.creations()).isZero();
    assertThat(this.templates.getOrCreate(key, Map.of(), Message.class, () -> create("works")).await().atMost(WAIT).hit()).isFalse();
  }

  @Test
  void shouldCreateOnceForConcurrentCallers() {
    String key = "busy-" + UUID.randomUUID();
    CompletableFuture<TemplateCreation<Message>> creator = new CompletableFuture<>();
    List<CompletableFuture<TemplateResult<Message>>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(this.templates.getOrCreate(key, Map.of("n", 1), Message.class, () -> {
        this.creations.incrementAndGet();
        return Uni.createFrom().completionStage(creator);
      }).subscribeAsCompletionStage());
    }
    await().atMost(WAIT).untilAsserted(() -> assertThat(this.creations).hasValue(1));
    creator.complete(new TemplateCreation<>(new Message("once"), "tpl-once", "test"));

    calls.forEach(call -> assertThat(call.join().template().text()).isEqualTo("once"));
    assertThat(this.creations).hasValue(1);
    assertThat(this.templates.metrics().runtime().byKey().get(key).creations()).isEqualTo(1);
  }

  private Uni<TemplateCreation<Message>> create(String text) {
    return Uni.createFrom().item(new TemplateCreation<>(new Message(text), "tpl-" + this.creations.incrementAndGet(), "test"));
  }

  public record Message(String text) {
  }
}
