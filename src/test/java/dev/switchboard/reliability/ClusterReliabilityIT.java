package dev.switchboard.reliability;

import java.util.Map;

import dev.switchboard.devmode.LocalRedisServer;
import dev.switchboard.testing.RedisCluster;

/**
 * The reliability run on a 3-master Redis Cluster: the same load, SIGKILL of a replica, pause and late replica, and
 * the same checks (nothing lost, nothing sent twice beyond what was in flight, limits held, memory bounded). Its
 * Redis fault is a partial one: the master that holds {@code whatsapp-send} stops (SIGTERM, AOF written) while the
 * other two keep serving, then comes back into the cluster with its data.
 */
class ClusterReliabilityIT extends ReliabilityIT {

  @Override
  protected SharedRedis sharedRedis() {
    RedisCluster cluster = RedisCluster.threeMasters();
    return new SharedRedis() {
      private LocalRedisServer stopped;

      @Override
      public Map<String, String> start() {
        cluster.start();
        return Map.of("quarkus.redis.hosts", cluster.urls(), "quarkus.redis.client-type", "cluster");
      }

      @Override
      public void interrupt() {
        this.stopped = cluster.ownerOf("sb:{whatsapp-send}:meta");
        this.stopped.stop();
      }

      @Override
      public void resume() {
        this.stopped.start();
        cluster.awaitHealthy();
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
