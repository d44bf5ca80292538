package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.switchboard.devmode.LocalRedisServer;

/** The cluster harness itself: a real cluster with the slots split over its masters, and nothing left behind. */
class RedisClusterTest {

  @Test
  void shouldRunThreeMastersThatShareTheSlotsAndRefuseCrossSlotCommands() {
    RedisCluster cluster = RedisCluster.threeMasters().start();
    try {
      for (LocalRedisServer master : cluster.masters()) {
        assertThat(master.port()).isLessThan(65536 - 10000);
        String info = RedisCluster.call(master, "CLUSTER", "INFO").toString();
        assertThat(info).contains("cluster_state:ok", "cluster_known_nodes:3", "cluster_slots_assigned:16384", "cluster_size:3");
      }
      // keys with different tags spread over the masters; one tag stays on one master
      Set<Integer> owners = new HashSet<>();
      for (int i = 0; i < 30; i++) {
        owners.add(cluster.ownerOf("sb:{tenant-" + i + "}:x").port());
      }
      assertThat(owners).hasSize(3);
      assertThat(cluster.ownerOf("sb:{a}:one").port()).isEqualTo(cluster.ownerOf("sb:{a}:two").port());

      cluster.callOwner("sb:{a}:one", "SET", "sb:{a}:one", "1");
      assertThat(cluster.callOwner("sb:{a}:one", "GET", "sb:{a}:one")).isEqualTo("1");
      assertThat(cluster.keys("sb:*")).containsExactly("sb:{a}:one");
      // a node refuses what another owns, and any command spanning two slots
      LocalRedisServer other = cluster.masters().stream().filter(m -> m.port() != cluster.ownerOf("sb:{a}:one").port()).findFirst().orElseThrow();
      assertThatThrownBy(() -> RedisCluster.call(other, "GET", "sb:{a}:one")).isInstanceOf(UncheckedIOException.class)
          .hasStackTraceContaining("MOVED");
      assertThatThrownBy(() -> cluster.callOwner("sb:{a}:one", "MGET", "sb:{a}:one", "sb:{b}:one"))
          .hasStackTraceContaining("CROSSSLOT");

      cluster.flushAll();
      assertThat(cluster.keys("*")).isEmpty();
    } finally {
      cluster.close();
    }
    for (LocalRedisServer node : cluster.nodes()) {
      assertThat(LocalRedisServer.answersPing(node.port())).isFalse();
      assertThat(node.dir()).doesNotExist();
    }
  }

  @Test
  void shouldComeBackWithItsDataAfterAStop() {
    try (RedisCluster cluster = RedisCluster.threeMasters().start()) {
      for (int i = 0; i < 10; i++) {
        cluster.callOwner("sb:{t" + i + "}:k", "SET", "sb:{t" + i + "}:k", "v" + i);
      }
      cluster.stop();
      assertThat(cluster.nodes()).noneMatch(node -> LocalRedisServer.answersPing(node.port()));
      cluster.start();
      for (int i = 0; i < 10; i++) {
        assertThat(cluster.callOwner("sb:{t" + i + "}:k", "GET", "sb:{t" + i + "}:k")).isEqualTo("v" + i);
      }
    }
  }

  @Test
  void shouldGiveEveryMasterItsReplica() {
    try (RedisCluster cluster = new RedisCluster(3, 1).start()) {
      assertThat(cluster.nodes()).hasSize(6);
      for (LocalRedisServer master : cluster.masters()) {
        assertThat(RedisCluster.call(master, "INFO", "replication").toString()).contains("role:master", "connected_slaves:1");
      }
      for (LocalRedisServer replica : cluster.replicas()) {
        assertThat(RedisCluster.call(replica, "INFO", "replication").toString()).contains("role:slave", "master_link_status:up");
      }
    }
  }
}
