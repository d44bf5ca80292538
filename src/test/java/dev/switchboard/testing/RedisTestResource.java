package dev.switchboard.testing;

import java.util.List;
import java.util.Map;

import dev.switchboard.devmode.LocalRedisServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One private Redis for the whole test run, on a free port, so tests never touch a Redis the developer
 * runs. {@code redis-server} from PATH when present, else the binary shipped in the embedded-redis jar.
 * Tests that simulate an outage stop and restart it through {@link #server()}.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

  private static LocalRedisServer server;

  public static synchronized LocalRedisServer server() {
    if (server == null) {
      // AOF on, as production queues run: a stop/start keeps the data, like a Redis restart in a cluster.
      // bench/queue.sh may turn it off (REDIS_AOF=no) to compare with BullMQ on the same settings.
      String aof = System.getProperty("redis.aof", "yes");
      server = LocalRedisServer.onFreePort(List.of("--appendonly", aof, "--appendfsync", "everysec"));
    }
    return server;
  }

  @Override
  public Map<String, String> start() {
    LocalRedisServer redis = server();
    redis.start();
    return Map.of("quarkus.redis.hosts", redis.url());
  }

  @Override
  public void stop() {
    server().stop();
  }
}
