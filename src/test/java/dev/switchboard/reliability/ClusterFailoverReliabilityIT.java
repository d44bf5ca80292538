package dev.switchboard.reliability;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import dev.switchboard.devmode.LocalRedisServer;
import dev.switchboard.testing.RedisCluster;

/**
 * The reliability run on a 3-master Redis Cluster with a replica per master, whose Redis fault is a fail-over under
 * load: the replica of the master that holds {@code whatsapp-send} takes over while sends and webhooks keep coming.
 * {@code -Dreliability.failover=manual} (the default) does it with {@code CLUSTER FAILOVER}, the operator's
 * fail-over: the replica catches up with its master first, then the two swap roles. {@code crash} kills the master
 * with SIGKILL instead; the cluster promotes the replica once the node timeout (2 s) has passed, and the old master,
 * restarted, rejoins as its replica. Replication is asynchronous, so writes the master acknowledged in its last
 * moments may be missing on the replica. The same checks as every reliability run: nothing lost, nothing sent twice
 * beyond what was in flight, limits held, memory bounded.
 */
class ClusterFailoverReliabilityIT extends ReliabilityIT {

  static final String SEND_QUEUE_KEY = "sb:{whatsapp-send}:meta";
  static final boolean CRASH = "crash".equals(System.getProperty("reliability.failover", "manual"));

  @Override
  protected SharedRedis sharedRedis() {
    RedisCluster cluster = new RedisCluster(3, 1);
    return new SharedRedis() {
      private LocalRedisServer promoted;
      private LocalRedisServer demoted;

      @Override
      public Map<String, String> start() {
        cluster.start();
        return Map.of("quarkus.redis.hosts", cluster.urls(), "quarkus.redis.client-type", "cluster");
      }

      @Override
      public void interrupt() {
        LocalRedisServer master = cluster.ownerOf(SEND_QUEUE_KEY);
        this.promoted = cluster.replicas().stream()
            .filter(replica -> RedisCluster.call(replica, "INFO", "replication").toString().contains("master_port:" + master.port()))
            .findFirst().orElseThrow();
        this.demoted = master;
        if (CRASH) {
          master.kill();
        } else {
          RedisCluster.call(this.promoted, "CLUSTER", "FAILOVER");
        }
      }

      @Override
      public void resume() {
        await("the replica serves whatsapp-send").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
            .until(() -> cluster.ownerOf(SEND_QUEUE_KEY).port() == this.promoted.port());
        this.demoted.start(); // after a crash: back from its AOF and nodes.conf, as the new master's replica
        cluster.awaitHealthy();
      }

      @Override
      public boolean refusesClients() {
        return CRASH; // the send queue has no master until the replica is promoted
      }

      @Override
      public long countKeys(String pattern) {
        return cluster.keys(pattern).size();
      }

      @Override
      public long streamLength(String key) {
        return (Long) cluster.callOwner(key, "XLEN", key);
      }

      @Override
      public void close() {
        cluster.close();
      }
    };
  }
}
