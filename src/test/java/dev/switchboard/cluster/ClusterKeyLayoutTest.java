package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.conversation.ConversationStore;
import dev.switchboard.devmode.LocalRedisServer;
import dev.switchboard.error.ApiException;
import dev.switchboard.redis.EvictionPolicies;
import dev.switchboard.redis.RedisProbe;
import dev.switchboard.send.IdempotencyStore;
import dev.switchboard.send.IdempotencyStore.Outcome;
import dev.switchboard.send.FakeGraph;
import dev.switchboard.send.SendModeFlag;
import dev.switchboard.send.ratelimit.ApiRateLimiter;
import dev.switchboard.send.ratelimit.SenderRateLimiter;
import dev.switchboard.support.Digests;
import dev.switchboard.tenant.TenantDirectory;
import dev.switchboard.testing.RedisCluster;
import dev.switchboard.testing.RedisClusterProfile;
import dev.switchboard.testing.RedisClusterTestResource;
import dev.switchboard.webhook.processing.InboundMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;

/**
 * Every script and command outside the queue layer, on a real 3-master cluster: each runs with its keys spread over
 * all three masters (ids picked so that their tags land on each), and its keys are where the documented layout puts
 * them, on the master that owns their tag. Without KEYS a script would reach an arbitrary node and fail there.
 */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class ClusterKeyLayoutTest {

  @Inject
  ConversationStore conversations;

  @Inject
  IdempotencyStore idempotency;

  @Inject
  SenderRateLimiter senderLimiter;

  @Inject
  ApiRateLimiter apiLimiter;

  @Inject
  TenantDirectory tenants;

  @Inject
  SendModeFlag sendMode;

  @Inject
  RedisProbe probe;

  final RedisCluster cluster = RedisClusterTestResource.cluster();

  @Test
  void shouldStoreEachConversationOnTheMasterOfItsTagOnceAndReadItBack() {
    List<String> users = onEachMaster(user -> "sb:history:{acme:" + user + "}", "1555010");
    for (String user : users) {
      InboundMessage message = new InboundMessage("wamid.cluster-" + user, "text", user, null, "Ana", Instant.ofEpochSecond(1_700_000_000),
          "hello from " + user, null, Map.of(), List.of());
      assertThat(await(this.conversations.append("acme", message, Instant.now()))).isTrue();
      assertThat(await(this.conversations.append("acme", message, Instant.now()))).as("a redelivery").isFalse();

      assertThat(await(this.conversations.messages("acme", user, 10))).singleElement()
          .satisfies(stored -> assertThat(stored.text()).isEqualTo("hello from " + user));
      assertThat(await(this.conversations.state("acme", user))).hasValueSatisfying(state -> {
        assertThat(state.unread()).isEqualTo(1);
        assertThat(state.messages()).isEqualTo(1);
      });
      // dedupe marker, history and state: one tag, so one master holds all three
      LocalRedisServer owner = this.cluster.ownerOf("sb:state:{acme:" + user + "}");
      assertThat(RedisCluster.call(owner, "LLEN", "sb:history:{acme:" + user + "}")).isEqualTo(1L);
      assertThat(RedisCluster.call(owner, "HGET", "sb:state:{acme:" + user + "}", "unread")).isEqualTo("1");
      assertThat(this.cluster.keys("sb:seen:{acme:" + user + "}:*")).hasSize(1);
    }
  }

  @Test
  void shouldHonourIdempotencyKeysOfTenantsOnEveryMaster() {
    String key = "order-4711";
    List<String> tenantIds = onEachMaster(tenant -> "sb:idem:{" + tenant + "}:" + Digests.sha256Hex(key), "tenant-");
    for (String tenant : tenantIds) {
      assertThat(await(this.idempotency.claim(tenant, key, "body-1", "job-" + tenant)).outcome()).isEqualTo(Outcome.NEW);
      await(this.idempotency.enqueued(tenant, key));
      assertThat(await(this.idempotency.claim(tenant, key, "body-1", "other")))
          .isEqualTo(new IdempotencyStore.Claim(Outcome.SAME_ENQUEUED, "job-" + tenant));
      assertThat(await(this.idempotency.claim(tenant, key, "body-2", "other")))
          .isEqualTo(new IdempotencyStore.Claim(Outcome.CONFLICT, "job-" + tenant));
      String record = "sb:idem:{" + tenant + "}:" + Digests.sha256Hex(key);
      assertThat(this.cluster.callOwner(record, "HGET", record, "job")).isEqualTo("job-" + tenant);
    }
  }

  @Test
  void shouldSpaceTheSendsOfNumbersOnEveryMaster() {
    List<String> numbers = onEachMaster(number -> "sb:rl:{" + number + "}", "99200000000");
    for (String number : numbers) {
      long started = System.nanoTime();
      for (int i = 0; i < 6; i++) {
        await(this.senderLimiter.acquire(number, 20));
      }
      // six slots of (1 s + 40 ms margin) / 20 = 52 ms each: the sixth cannot start before 5 intervals have passed
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(5 * 52 - 2));
      String state = "sb:rl:{" + number + "}";
      assertThat(this.cluster.callOwner(state, "GET", state)).isNotNull();
    }
  }

  @Test
  void shouldCountTheSendApiRequestsOfATenantOnItsMaster() {
    var throttled = this.tenants.byId(FakeGraph.THROTTLED).orElseThrow(); // 3 requests per second
    List<Uni<Void>> requests = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      requests.add(this.apiLimiter.admit(throttled));
    }
    String counter = "sb:rl:api:{" + FakeGraph.THROTTLED + "}";
    try {
      // all at once, so a slow machine cannot spread them over more than two 1-s windows
      assertThatThrownBy(() -> Uni.join().all(requests).andFailFast().await().atMost(Duration.ofSeconds(10)))
          .isInstanceOfSatisfying(ApiException.class, refused -> assertThat(refused.status()).isEqualTo(429));
    } finally {
      this.cluster.callOwner(counter, "DEL", counter); // the next test of this tenant starts with a fresh window
    }
  }

  @Test
  void shouldKeepTheSendModeOverrideOnTheCluster() {
    try {
      assertThat(await(this.sendMode.set(false)).queueEnabled()).isFalse();
      assertThat(this.cluster.callOwner("sb:flag:send-queue-enabled", "GET", "sb:flag:send-queue-enabled")).isEqualTo("false");
    } finally {
      await(this.sendMode.set(null));
    }
    assertThat(this.cluster.keys("sb:flag:*")).isEmpty();
  }

  @Test
  void shouldReadTheEvictionPolicyOfEveryMasterAndNameTheOneThatMayEvict() {
    EvictionPolicies policies = await(this.probe.queueEvictionPolicies());
    assertThat(policies.nodes()).extracting(EvictionPolicies.Node::name)
        .containsExactlyInAnyOrderElementsOf(this.cluster.masters().stream().map(m -> "127.0.0.1:" + m.port()).toList());
    assertThat(policies.nodes()).extracting(EvictionPolicies.Node::policy).containsOnly("noeviction");
    assertThat(policies.warning()).isEmpty();

    LocalRedisServer lru = this.cluster.masters().get(2);
    RedisCluster.call(lru, "CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
    try {
      EvictionPolicies mixed = await(this.probe.queueEvictionPolicies());
      assertThat(mixed.policy()).contains("allkeys-lru");
      assertThat(mixed.warning()).contains("maxmemory-policy is allkeys-lru on 127.0.0.1:" + lru.port() + ", queues need noeviction");
    } finally {
      RedisCluster.call(lru, "CONFIG", "SET", "maxmemory-policy", "noeviction");
    }
  }

  /** One id per master: the first ids (prefix + 0, 1, ...) whose key, as {@code keyOf} names it, each master owns. */
  private List<String> onEachMaster(Function<String, String> keyOf, String prefix) {
    Map<Integer, String> byOwner = new LinkedHashMap<>();
    for (int i = 0; byOwner.size() < this.cluster.masters().size(); i++) {
      byOwner.putIfAbsent(this.cluster.ownerOf(keyOf.apply(prefix + i)).port(), prefix + i);
    }
    return List.copyOf(byOwner.values());
  }

  private static <T> T await(Uni<T> uni) {
    return uni.await().atMost(Duration.ofSeconds(10));
  }
}
