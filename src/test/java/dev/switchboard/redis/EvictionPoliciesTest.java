package dev.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.redis.EvictionPolicies.Node;

class EvictionPoliciesTest {

  @Test
  void shouldReportAStandaloneRedisByItsPolicyAlone() {
    assertThat(new EvictionPolicies(List.of(new Node(null, "noeviction"))).warning()).isEmpty();
    EvictionPolicies lru = new EvictionPolicies(List.of(new Node(null, "allkeys-lru")));
    assertThat(lru.policy()).contains("allkeys-lru");
    assertThat(lru.warning()).contains("maxmemory-policy is allkeys-lru, queues need noeviction");
  }

  @Test
  void shouldNameEveryMasterThatMayEvict() {
    EvictionPolicies mixed = new EvictionPolicies(List.of(new Node("10.0.0.1:6379", "noeviction"), new Node("10.0.0.2:6379", "allkeys-lru"),
        new Node("10.0.0.3:6379", "volatile-ttl")));
    assertThat(mixed.policy()).contains("allkeys-lru");
    assertThat(mixed.warning()).contains("maxmemory-policy is allkeys-lru on 10.0.0.2:6379, volatile-ttl on 10.0.0.3:6379, queues need noeviction");
    assertThat(mixed.anyUnread()).isFalse();
  }

  @Test
  void shouldSayWhenAPolicyCouldNotBeRead() {
    EvictionPolicies partly = new EvictionPolicies(List.of(new Node("10.0.0.1:6379", "noeviction"), new Node("10.0.0.2:6379", null)));
    assertThat(partly.anyUnread()).isTrue();
    assertThat(partly.policy()).contains("noeviction");
    assertThat(partly.warning()).isEmpty();
    assertThat(EvictionPolicies.unknown().anyUnread()).isTrue();
    assertThat(EvictionPolicies.unknown().policy()).isEmpty();
  }
}
