package dev.switchboard.cache;

import java.util.List;
import java.util.Map;

import dev.switchboard.devmode.LocalRedisServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A test profile whose cache client has a Redis of its own, as production may (queues on a noeviction Redis, cache
 * on an allkeys-lru one): a test can stop the cache Redis while the queue Redis stays up. Small fallback (100
 * entries) so that its bound shows; user states live a week, so that some older than a day exist.
 */
public class OwnCacheRedis implements QuarkusTestProfile {

  static final int FALLBACK_ENTRIES = 100;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("switchboard.cache.fallback-max-entries", Integer.toString(FALLBACK_ENTRIES),
        "switchboard.cache.local-namespaces", "flag,auth,conversation", "switchboard.cache.ttl.user-state", "7d");
  }

  /** Stops the cache Redis and waits until the service says it serves from memory. */
  public static void stopAndAwaitFallback() {
    Server.server().stop();
    awaitCacheType("in-memory");
  }

  /** Starts the cache Redis and waits until the service is back on it. */
  public static void startAndAwaitRedis() {
    Server.server().start();
    awaitCacheType("redis");
  }

  private static void awaitCacheType(String type) {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> io.restassured.RestAssured.given()
        .get("/health/detailed").then().body("checks.cache.type", org.hamcrest.Matchers.equalTo(type)));
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(Server.class));
  }

  /** The cache Redis, on a free port, with AOF: a stop and start keeps its keys, as a restarted Redis does. */
  public static class Server implements QuarkusTestResourceLifecycleManager {

    private static LocalRedisServer server;

    public static synchronized LocalRedisServer server() {
      if (server == null) {
        server = LocalRedisServer.onFreePort(List.of("--appendonly", "yes", "--appendfsync", "always", "--maxmemory-policy", "allkeys-lru"));
      }
      return server;
    }

    @Override
    public Map<String, String> start() {
      server().start();
      return Map.of("quarkus.redis.cache.hosts", server().url());
    }

    @Override
    public void stop() {
      server().stop();
    }
  }
}
