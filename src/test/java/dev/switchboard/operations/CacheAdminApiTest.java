package dev.switchboard.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.cache.CacheNamespaces;
import dev.switchboard.cache.CacheService;
import dev.switchboard.cache.state.UserStateStore;
import dev.switchboard.queue.JobOptions;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.JobState;
import dev.switchboard.queue.QueueAdmin;
import dev.switchboard.queue.TestWork;
import dev.switchboard.queue.redis.FetchArgs;
import dev.switchboard.queue.redis.QueueKeys;
import dev.switchboard.testing.RedisTestResource;
import dev.switchboard.testing.RespConnection;
import dev.switchboard.testing.TestSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The cache management API over HTTP, on a real Redis: what each verb removes, what it leaves, and the counts it answers. */
@QuarkusTest
@TestProfile(OperationsProfile.class)
class CacheAdminApiTest {

  static final Duration WAIT = Duration.ofSeconds(20);
  private static final String QUEUE = "test-admin";

  @Inject
  UserStateStore states;

  @Inject
  CacheService cache;

  @Inject
  JobQueue jobs;

  @Inject
  QueueAdmin queues;

  static RequestSpecification asAdmin() {
    return given().header("Authorization", "Bearer " + TestSettings.ADMIN_TOKEN);
  }

  @Test
  void shouldRefuseEveryVerbWithoutTheAdminToken() {
    given().get("/admin/cache/stats").then().statusCode(401).body("error", equalTo("unauthorized"));
    given().header("Authorization", "Bearer " + TestSettings.ACME_API_TOKEN).post("/admin/cache/clear").then().statusCode(401);
    given().post("/admin/cache/clear-old?hours=1").then().statusCode(401);
    given().delete("/admin/cache/users/4917012345678").then().statusCode(401);
    given().post("/admin/cache/maintenance").then().statusCode(401);
  }

  @Test
  void shouldDescribeEveryVerbInTheOpenApiDocument() {
    given().accept("application/json").get("/q/openapi").then().statusCode(200)
        .body("paths.'/admin/cache/stats'.get.security[0]", org.hamcrest.Matchers.hasKey("adminToken"))
        .body("paths.'/admin/cache/clear'.post.responses", org.hamcrest.Matchers.hasKey("401"))
        .body("paths.'/admin/cache/clear-old'.post.responses", org.hamcrest.Matchers.hasKey("400"))
        .body("paths.'/admin/cache/users/{phone}'.delete.summary", containsString("customer's state"))
        .body("paths.'/admin/cache/maintenance'.post.parameters.name", hasItems("job"));
  }

  @Test
  void shouldSayWhichFieldIsWrong() {
    asAdmin().post("/admin/cache/clear-old?hours=0").then().statusCode(400).body("details.field", equalTo("hours"));
    asAdmin().post("/admin/cache/clear-old?hours=a-day").then().statusCode(400).body("details.field", equalTo("hours"));
    asAdmin().post("/admin/cache/clear?queues=yes").then().statusCode(400).body("details.field", equalTo("queues"));
    asAdmin().delete("/admin/cache/users/4917012345678?tenant=a:b").then().statusCode(400).body("details.field", equalTo("tenant"));
    asAdmin().post("/admin/cache/maintenance?job=hourly").then().statusCode(400).body("details.field", equalTo("job"));
  }

  @Test
  void shouldShowStatesKeysMemoryQueuesAndMaintenance() {
    this.states.set("acme", newPhone(), Map.of("step", "menu")).await().atMost(WAIT);
    ValidatableResponse stats = asAdmin().get("/admin/cache/stats").then().statusCode(200);
    stats.body("userStates", greaterThanOrEqualTo(1)).body("cacheType", equalTo("redis"))
        .body("keysByNamespace.user-state", greaterThanOrEqualTo(1))
        .body("redisMemory.queue.usedBytes", greaterThan(0)).body("redisMemory.cache.peakBytes", greaterThan(0))
        .body("queues.queue", hasItems("whatsapp-send", QUEUE)).body("maintenance.job", hasItems("daily", "weekly"));
    assertThat(Instant.parse(stats.extract().path("timestamp"))).isBetween(Instant.now().minusSeconds(30), Instant.now());
  }

  @Test
  void shouldClearExactlyTheStatesOlderThanTheGivenHours() throws Exception {
    String tenant = "old" + UUID.randomUUID().toString().substring(0, 6);
    Instant now = Instant.now();
    String twoDays = newPhone();
    String dayAndHour = newPhone();
    String almostDay = newPhone();
    String fresh = newPhone();
    this.states.importState(tenant, twoDays, Map.of("n", 1), now.minus(Duration.ofHours(48))).await().atMost(WAIT);
    this.states.importState(tenant, dayAndHour, Map.of("n", 2), now.minus(Duration.ofHours(25))).await().atMost(WAIT);
    this.states.importState(tenant, almostDay, Map.of("n", 3), now.minus(Duration.ofHours(23))).await().atMost(WAIT);
    this.states.set(tenant, fresh, Map.of("n", 4)).await().atMost(WAIT);
    long olderThanADay = indexedBefore(now.minus(Duration.ofHours(24)));

    asAdmin().post("/admin/cache/clear-old?hours=24").then().statusCode(200).body("hours", equalTo(24))
        .body("userStatesRemoved", equalTo((int) olderThanADay));

    assertThat(olderThanADay).isGreaterThanOrEqualTo(2);
    assertThat(exists(tenant, twoDays)).isFalse();
    assertThat(exists(tenant, dayAndHour)).isFalse();
    assertThat(exists(tenant, almostDay)).isTrue();
    assertThat(exists(tenant, fresh)).isTrue();
  }

  @Test
  void shouldClearOneUserWithOneTenantOrWithEvery() {
    String phone = newPhone();
    String other = newPhone();
    this.states.set("acme", phone, Map.of("step", 1)).await().atMost(WAIT);
    this.states.set("globex", phone, Map.of("step", 2)).await().atMost(WAIT);
    this.states.set("acme", other, Map.of("step", 3)).await().atMost(WAIT);
    this.cache.set(CacheNamespaces.CONVERSATION, "globex:" + phone, Map.of("unread", 2)).await().atMost(WAIT);

    asAdmin().delete("/admin/cache/users/+" + phone + "?tenant=acme").then().statusCode(200)
        .body("tenant", equalTo("acme")).body("userStates", equalTo(1)).body("cachedViews", equalTo(0))
        .body("phone", not(containsString(phone.substring(2, 9))));
    assertThat(exists("acme", phone)).isFalse();
    assertThat(exists("globex", phone)).isTrue();

    asAdmin().delete("/admin/cache/users/" + phone).then().statusCode(200)
        .body("userStates", equalTo(1)).body("cachedViews", equalTo(1));
    assertThat(exists("globex", phone)).isFalse();
    assertThat(this.cache.exists(CacheNamespaces.CONVERSATION, "globex:" + phone).await().atMost(WAIT)).isFalse();
    assertThat(exists("acme", other)).isTrue();
  }

  @Test
  void shouldClearCachesAndEveryJobButTheRunningOnes() throws Exception {
    this.queues.pause(QUEUE).await().atMost(WAIT); // this replica's consumer takes nothing: the test decides who runs what
    try {
      String run = UUID.randomUUID().toString().substring(0, 8);
      for (int n = 0; n < 3; n++) {
        this.jobs.enqueue(QUEUE, TestWork.of(n), JobOptions.defaults().withJobId(run + "-" + n)).await().atMost(WAIT);
      }
      String running = fetchAsAnotherReplica();
      this.cache.set(CacheNamespaces.SALON, "s-" + run, Map.of("name", "Salon")).await().atMost(WAIT);
      this.states.set("acme", newPhone(), Map.of("step", 1)).await().atMost(WAIT);

      var before = this.queues.counts(QUEUE).await().atMost(WAIT);
      assertThat(before.waiting()).isGreaterThanOrEqualTo(2);
      assertThat(before.active()).isGreaterThanOrEqualTo(1);

      // without queues=true the jobs stay
      asAdmin().post("/admin/cache/clear").then().statusCode(200).body("queuesCleared", equalTo(false))
          .body("namespaces.salon", greaterThanOrEqualTo(1)).body("userStates", greaterThanOrEqualTo(1));
      assertThat(this.queues.counts(QUEUE).await().atMost(WAIT).waiting()).isEqualTo(before.waiting());
      assertThat(this.cache.exists(CacheNamespaces.SALON, "s-" + run).await().atMost(WAIT)).isFalse();
      assertThat(this.states.count().await().atMost(WAIT)).isZero();

      ValidatableResponse cleared = asAdmin().post("/admin/cache/clear?queues=true").then().statusCode(200).body("queuesCleared", equalTo(true));
      List<Map<String, Object>> perQueue = cleared.extract().path("queues");
      Map<String, Object> admin = perQueue.stream().filter(q -> QUEUE.equals(q.get("queue"))).findFirst().orElseThrow();
      assertThat(admin).containsEntry("notStartedRemoved", (int) (before.waiting() + before.delayed()))
          .containsEntry("activeLeft", (int) before.active());

      assertThat(this.jobs.find(QUEUE, running).await().atMost(WAIT).orElseThrow().state()).isEqualTo(JobState.ACTIVE);
      assertThat(this.queues.counts(QUEUE).await().atMost(WAIT).waiting()).isZero();
      assertThat(this.jobs.find(QUEUE, run + "-2").await().atMost(WAIT)).isEmpty();
    } finally {
      this.queues.resume(QUEUE).await().atMost(WAIT);
    }
  }

  /** Takes the oldest waiting job as another replica would (the fetch script, its own consumer name): it is running now. */
  private static String fetchAsAnotherReplica() throws Exception {
    QueueKeys keys = new QueueKeys("sb", QUEUE);
    FetchArgs fetch = new FetchArgs(keys).consumer("other-replica/" + QUEUE).count(1);
    try (RespConnection redis = new RespConnection(RedisTestResource.server().port())) {
      List<?> reply = (List<?>) redis.evalWhilePausedForOthers(keys.paused(), fetch.script(), fetch.keys(), fetch.args());
      List<?> taken = (List<?>) reply.get(1);
      return ((List<?>) taken.get(0)).get(0).toString();
    }
  }

  private long indexedBefore(Instant cutoff) throws Exception {
    try (RespConnection redis = new RespConnection(RedisTestResource.server().port())) {
      return Long.parseLong(redis.call("ZCOUNT", "sb:cache:user-state:_index", "-inf", "(" + cutoff.toEpochMilli()).toString());
    }
  }

  private boolean exists(String tenant, String phone) {
    return this.states.get(tenant, phone, Map.class).await().atMost(WAIT).isPresent();
  }

  static String newPhone() {
    return "49" + (1_000_000_000L + (long) (Math.random() * 8_000_000_000L));
  }
}
