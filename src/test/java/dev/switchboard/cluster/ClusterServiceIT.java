package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.switchboard.devmode.LocalRedisServer;
import dev.switchboard.send.FakeGraph;
import dev.switchboard.support.Digests;
import dev.switchboard.testing.RedisCluster;
import dev.switchboard.testing.ServiceProcess;
import dev.switchboard.testing.TestSettings;
import dev.switchboard.webhook.Deliveries;
import dev.switchboard.webhook.processing.StatusJob;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;

/**
 * The packaged service as an OS process on a real 3-master Redis Cluster, configured as an operator would: only
 * {@code REDIS_URL} with the masters' URLs and {@code REDIS_CLIENT_TYPE=cluster}. Each capability outside the queue
 * layer, through the HTTP API a user calls: webhook intake and processing, conversation reads, sends within the
 * number's rate, Idempotency-Keys, status webhooks, and health that reads every master.
 */
class ClusterServiceIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String ACME = "Bearer " + TestSettings.ACME_API_TOKEN;
  private static final String ADMIN = "Bearer " + TestSettings.ADMIN_TOKEN;
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private static RedisCluster cluster;
  private static ServiceProcess service;
  private static final FakeGraph GRAPH = FakeGraph.server();

  @BeforeAll
  static void startClusterAndService() {
    cluster = RedisCluster.threeMasters().start();
    Map<String, String> settings = new HashMap<>(new TestSettings().start());
    settings.putAll(new FakeGraph().start());
    service = new ServiceProcess("cluster-replica", settings);
    cluster.environment().forEach(service::withEnv);
    service.start();
  }

  @AfterAll
  static void stopServiceAndCluster() {
    if (service != null) {
      service.stop();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void shouldQueueASignedDeliveryOnTheMasterOfItsQueue() {
    byte[] body = Deliveries.text(TestSettings.ACME_PHONE_NUMBER_ID, Deliveries.newPhone(), Deliveries.unique("wamid.intake-"), "hi", 1_700_000_000L);
    String jobId = post(body).then().statusCode(200).body("status", equalTo("accepted")).extract().path("jobId");

    String job = "sb:{whatsapp:webhook}:job:" + jobId;
    assertThat(cluster.callOwner(job, "HGET", job, "data")).isEqualTo(new String(body, StandardCharsets.UTF_8));
  }

  @Test
  void shouldAnswerTheSameJobForARepeatedIdempotencyKeyAndRefuseAnotherBody() {
    String key = Deliveries.unique("cluster-order-");
    JsonObject body = new JsonObject().put("phoneNumber", "+4917012345678").put("text", "cluster idempotent");
    String jobId = send(key, body).then().statusCode(202).extract().path("jobId");

    send(key, body).then().statusCode(200).body("jobId", equalTo(jobId));
    send(key, body.copy().put("text", "another text")).then().statusCode(409)
        .body("error", equalTo("idempotency_conflict")).body("details.jobId", equalTo(jobId));
    String record = "sb:idem:{" + TestSettings.ACME + "}:" + Digests.sha256Hex(key);
    assertThat(cluster.callOwner(record, "HGET", record, "job")).isEqualTo(jobId);
  }

  @Test
  void shouldReadTheEvictionPolicyOfEveryMaster() {
    api().get("/q/health/ready").then().statusCode(200);
    api().get("/health/detailed").then().statusCode(200).body("status", equalTo("healthy"))
        .body("checks.redis.maxmemoryPolicy", equalTo("noeviction"));

    LocalRedisServer lru = cluster.masters().get(1);
    RedisCluster.call(lru, "CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
    try {
      api().get("/health/detailed").then().statusCode(200).body("status", equalTo("degraded"))
          .body("checks.redis.maxmemoryPolicy", equalTo("allkeys-lru"))
          .body("checks.redis.warning", equalTo("maxmemory-policy is allkeys-lru on 127.0.0.1:" + lru.port() + ", queues need noeviction"));
    } finally {
      RedisCluster.call(lru, "CONFIG", "SET", "maxmemory-policy", "noeviction");
    }
    api().get("/health/detailed").then().statusCode(200).body("status", equalTo("healthy"));
  }

  @Test
  void shouldStoreAMessageOnceThoughMetaDeliversItTwiceAndServeTheConversation() {
    String phone = Deliveries.newPhone();
    String wamid = Deliveries.unique("wamid.cluster-");
    byte[] body = Deliveries.text(TestSettings.ACME_PHONE_NUMBER_ID, phone, wamid, "table for two", 1_700_000_100L);
    String first = post(body).then().statusCode(200).extract().path("jobId");
    String redelivery = post(body).then().statusCode(200).extract().path("jobId");
    awaitCompleted("whatsapp:webhook", first);
    awaitCompleted("whatsapp:webhook", redelivery);

    api().header("Authorization", ACME).get("/api/conversations/{phone}/messages", phone).then().statusCode(200)
        .body("messages", hasSize(1)).body("messages[0].wamid", equalTo(wamid)).body("messages[0].text", equalTo("table for two"));
    api().header("Authorization", ACME).get("/api/conversations/{phone}/state", "+" + phone).then().statusCode(200)
        .body("messages", equalTo(1)).body("unread", equalTo(1)).body("lastWamid", equalTo(wamid));
  }

  @Test
  void shouldNeverSendMoreThan80InAnySecondForOneNumber() {
    GRAPH.latency(20);
    List<String> jobs;
    admin("POST", "/admin/queue/pause/whatsapp-send");
    try {
      // a backlog of two seconds' worth, released at once: the rate limiter is what holds it back
      List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 160; i++) {
        String body = new JsonObject().put("phoneNumber", "+1555400" + String.format("%04d", i)).put("text", "cluster rate " + i).encode();
        calls.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/whatsapp/send")).header("Authorization", ACME)
            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      jobs = calls.stream().map(CompletableFuture::join).map(response -> {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return new JsonObject(response.body()).getString("jobId");
      }).toList();
    } finally {
      admin("POST", "/admin/queue/resume/whatsapp-send");
    }
    await().atMost(WAIT).until(() -> GRAPH.requestsWithTextStarting("cluster rate ").size() >= jobs.size());
    await().atMost(WAIT).until(() -> jobs.stream().allMatch(job -> "sent".equals(statusOf(job))));
    assertThat(GRAPH.requestsWithTextStarting("cluster rate ")).hasSize(jobs.size());
    int busiest = GRAPH.maxInAnyWindow(TestSettings.ACME_PHONE_NUMBER_ID, 1000);
    System.out.printf("cluster: busiest 1-s window of one number: %d sends%n", busiest);
    assertThat(busiest).isLessThanOrEqualTo(80);
  }

  @Test
  void shouldMoveASentMessageForwardWithMetasStatusesOnly() {
    String jobId = send(null, new JsonObject().put("phoneNumber", "+4917099887766").put("text", "cluster status"))
        .then().statusCode(202).extract().path("jobId");
    await().atMost(WAIT).until(() -> "sent".equals(statusOf(jobId)));
    String wamid = api().header("Authorization", ACME).get("/api/whatsapp/messages/{id}", jobId).then().extract().path("wamid");

    // Meta does not keep order: read arrives first, the delivered and sent sent before it come late and change nothing
    postStatus(wamid, "read", 1_700_000_300L);
    assertThat(statusOf(jobId)).isEqualTo("read");
    postStatus(wamid, "delivered", 1_700_000_200L);
    postStatus(wamid, "sent", 1_700_000_100L);

    api().header("Authorization", ACME).get("/api/whatsapp/messages/{id}", jobId).then().statusCode(200)
        .body("status", equalTo("read")).body("wamid", equalTo(wamid)).body("readAt", notNullValue());
  }

  /** Posts a status webhook and waits until its status job has run. */
  private static void postStatus(String wamid, String status, long timestamp) {
    post(Deliveries.status(TestSettings.ACME_PHONE_NUMBER_ID, wamid, status, timestamp)).then().statusCode(200);
    awaitCompleted(StatusJob.QUEUE, StatusJob.jobId(wamid, status));
  }

  private static void awaitCompleted(String queue, String jobId) {
    await().atMost(WAIT).until(() -> "completed".equals(admin("GET", "/admin/queue/jobs/" + queue + "/" + jobId).getString("state")));
  }

  private static String statusOf(String jobId) {
    return api().header("Authorization", ACME).get("/api/whatsapp/messages/{id}", jobId).then().statusCode(200).extract().path("status");
  }

  private static io.restassured.response.Response send(String idempotencyKey, JsonObject body) {
    RequestSpecification request = api().header("Authorization", ACME).contentType(ContentType.JSON).body(body.encode());
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return request.post("/api/whatsapp/send");
  }

  private static io.restassured.response.Response post(byte[] body) {
    return api().contentType(ContentType.JSON).header(Deliveries.SIGNATURE_HEADER, Deliveries.sign(body)).body(body).post(Deliveries.PATH);
  }

  private static JsonObject admin(String method, String path) {
    var response = api().header("Authorization", ADMIN).request(method, path);
    return response.statusCode() == 200 ? new JsonObject(response.asString()) : new JsonObject();
  }

  private static RequestSpecification api() {
    return RestAssured.given().baseUri("http://127.0.0.1").port(service.port());
  }
}
