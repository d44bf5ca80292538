package dev.switchboard.cache;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Metrics;
import dev.switchboard.testing.RedisTestResource;
import dev.switchboard.testing.RespConnection;
import dev.switchboard.testing.ServiceProcess;
import dev.switchboard.testing.TestSettings;
import dev.switchboard.webhook.Deliveries;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Two replicas of the packaged service as OS processes (besides the one the test framework runs) on one Redis, with
 * the conversation namespace in their in-process level: a cold key read on both at once is loaded once, and a new
 * message evicts the in-process copy on both. Both go through the real path: the conversation state API.
 */
@QuarkusIntegrationTest
class CacheTwoReplicasIT {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static ServiceProcess first;
  static ServiceProcess second;

  @BeforeAll
  static void startReplicas() {
    Map<String, String> config = new HashMap<>(new TestSettings().start());
    config.put("quarkus.redis.hosts", RedisTestResource.server().url());
    config.put("switchboard.cache.local-namespaces", "flag,auth,conversation");
    // an in-process copy that is not evicted would be served for ten minutes: long past this test
    config.put("switchboard.cache.local-ttl", "10m");
    config.put("switchboard.cache.lock.max-wait", "20s");
    // a lock poll that times out is answered as if Redis were gone (the caller loads): three JVMs starting on a small
    // machine can stall a command past the default 250 ms, and this test is about the lock, not about outages
    config.put("switchboard.cache.redis-timeout", "5s");
    first = new ServiceProcess("cache-replica-1", config).start();
    second = new ServiceProcess("cache-replica-2", config).start();
  }

  @AfterAll
  static void stopReplicas() {
    first.stop();
    second.stop();
  }

  @Test
  void shouldLoadAColdKeyOnceWhenBothReplicasReadItAtOnce() throws Exception {
    String phone = Deliveries.newPhone();
    deliver(phone, "hello", 1);
    String lock = "sb:lock:cache:conversation:acme:" + phone;
    try (RespConnection redis = new RespConnection(RedisTestResource.server().port())) {
      // a third replica holds the load lock: both must wait for it rather than load
      redis.call("SET", lock, "third-replica", "PX", "30000");
      double loadsBefore = loads(first) + loads(second);
      double waitsBefore1 = lockWaits(first);
      double waitsBefore2 = lockWaits(second);

      List<CompletableFuture<HttpResponse<String>>> reads = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        reads.add(readState(first, phone));
        reads.add(readState(second, phone));
      }
      await().atMost(WAIT).until(() -> lockWaits(first) > waitsBefore1 && lockWaits(second) > waitsBefore2);
      assertThat(reads).noneMatch(CompletableFuture::isDone);

      // it gave up without storing anything: now the two replicas race for the lock, and one of them loads
      redis.call("DEL", lock);

      for (CompletableFuture<HttpResponse<String>> read : reads) {
        HttpResponse<String> response = read.get();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"lastMessagePreview\":\"hello\"");
      }
      assertThat(loads(first) + loads(second) - loadsBefore).isEqualTo(1);
    }
  }

  @Test
  void shouldEvictAnInProcessCopyOnEveryReplica() throws Exception {
    String phone = Deliveries.newPhone();
    deliver(phone, "first", 1);
    for (ServiceProcess replica : List.of(first, second)) {
      readState(replica, phone).get();
    }
    double localHitsBefore = localHits(second);
    HttpResponse<String> cached = readState(second, phone).get();
    assertThat(cached.headers().firstValue("X-Cache-Status")).contains("HIT");
    assertThat(cached.body()).contains("\"unread\":1");
    // that answer came from the replica's in-process level
    assertThat(localHits(second)).isGreaterThan(localHitsBefore);

    deliver(phone, "second", 2);

    for (ServiceProcess replica : List.of(first, second)) {
      await().atMost(WAIT).untilAsserted(() -> assertThat(readState(replica, phone).get().body()).contains("\"unread\":2"));
    }
  }

  /**
   * Posts a text message from the customer (to the framework's replica) and waits until its job completed: the state
   * is stored and the cached copy invalidated.
   */
  private static void deliver(String phone, String text, int unread) {
    String jobId = Deliveries.post(Deliveries.text(TestSettings.ACME_PHONE_NUMBER_ID, phone, Deliveries.unique("wamid.replicas."), text,
        1767290000 + unread)).statusCode(200).extract().path("jobId");
    await().atMost(WAIT).until(() -> "completed".equals(given().header("Authorization", "Bearer " + TestSettings.ADMIN_TOKEN)
        .get("/admin/queue/jobs/whatsapp:webhook/" + jobId).then().extract().path("state")));
  }

  private static CompletableFuture<HttpResponse<String>> readState(ServiceProcess replica, String phone) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(replica.baseUrl() + "/api/conversations/" + phone + "/state"))
        .header("Authorization", "Bearer " + TestSettings.ACME_API_TOKEN).timeout(WAIT).GET().build();
    return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  private static double loads(ServiceProcess replica) {
    return Metrics.value(replica.port(), "switchboard_cache_loads_total", "resource=\"conversation\"");
  }

  private static double lockWaits(ServiceProcess replica) {
    return Metrics.value(replica.port(), "switchboard_cache_lock_waits_total", "resource=\"conversation\"");
  }

  private static double localHits(ServiceProcess replica) {
    return Metrics.value(replica.port(), "cache_operations_total", "operation=\"hit\",resource=\"conversation\",type=\"memory\"");
  }
}
