package dev.switchboard.admin.jobs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.queue.JobOptions;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.NewJob;
import dev.switchboard.testing.TestSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** The paged listing, search, job detail, promote, test jobs and drain on the test-dashboard queue, over HTTP. */
@QuarkusTest
class JobsApiTest {

  private static final String QUEUE = "test-dashboard";
  private static final String BASE = "/admin/queue/" + QUEUE;

  @Inject
  JobQueue jobs;

  static RequestSpecification asAdmin() {
    return given().header("Authorization", "Bearer " + TestSettings.ADMIN_TOKEN);
  }

  @AfterEach
  void emptyTheQueue() {
    asAdmin().post("/admin/queue/drain/" + QUEUE + "?delayed=true").then().statusCode(200);
    asAdmin().post("/admin/queue/resume/" + QUEUE).then().statusCode(200);
  }

  @Test
  void shouldPageThroughEveryWaitingJobOnceWithPagesNoLargerThanAsked() {
    asAdmin().post("/admin/queue/pause/" + QUEUE).then().statusCode(200);
    List<NewJob> batch = new ArrayList<>();
    Set<String> expected = new HashSet<>();
    for (int n = 0; n < 120; n++) {
      // some in the bands, some parked behind their group's limit, at several priorities
      JobOptions options = JobOptions.defaults().withJobId("w-" + n).withPriority(n % 3 * 5);
      if (n % 4 == 0) {
        options = options.withGroup("tenant-" + n % 3);
      }
      batch.add(new NewJob(new DashboardWork("+4917000000" + n, null, 0), options));
      expected.add("w-" + n);
    }
    this.jobs.enqueueAll(QUEUE, batch).await().indefinitely();

    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonPath page = asAdmin().queryParam("state", "waiting").queryParam("limit", 25).queryParam("cursor", cursor == null ? "" : cursor)
          .get(BASE + "/jobs").then().statusCode(200).extract().jsonPath();
      List<String> ids = page.getList("jobs.id");
      assertThat(ids).hasSizeLessThanOrEqualTo(25);
      assertThat(page.getInt("scanned")).isLessThanOrEqualTo(25);
      for (String id : ids) {
        assertThat(seen.add(id)).as("seen once: " + id).isTrue();
      }
      assertThat(page.getList("jobs.state", String.class)).allMatch("waiting"::equals);
      cursor = page.getString("nextCursor");
      pages++;
    } while (cursor != null && pages < 20);
    assertThat(seen).isEqualTo(expected);
    assertThat(pages).isBetween(5, 7);
  }

  @Test
  void shouldPageDelayedJobsInDueOrder() {
    List<NewJob> batch = new ArrayList<>();
    for (int n = 0; n < 30; n++) {
      // pairs share a due time: the cursor must not skip or repeat members with equal scores
      batch.add(new NewJob(new DashboardWork("+49", null, 0),
          JobOptions.defaults().withJobId("d-" + n).withDueAt(java.time.Instant.now().plus(Duration.ofHours(1 + n / 2)))));
    }
    this.jobs.enqueueAll(QUEUE, batch).await().indefinitely();
    List<String> order = new ArrayList<>();
    String cursor = "";
    do {
      JsonPath page = asAdmin().queryParam("state", "delayed").queryParam("limit", 7).queryParam("cursor", cursor)
          .get(BASE + "/jobs").then().statusCode(200).extract().jsonPath();
      order.addAll(page.getList("jobs.id"));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    assertThat(order).hasSize(30).doesNotHaveDuplicates();
    // due times never go backwards along the pages
    for (int i = 1; i < order.size(); i++) {
      assertThat(Integer.parseInt(order.get(i).substring(2)) / 2).isGreaterThanOrEqualTo(Integer.parseInt(order.get(i - 1).substring(2)) / 2);
    }
  }

  @Test
  void shouldFindADeadJobByIdWamidPhoneAndTenantAndShowEachAttempt() {
    this.jobs.enqueue(QUEUE, new DashboardWork("+4917055501234", "wamid.HBgLNDkxNzA1NTUwMTIzNBUCABEYEjA5", 5),
        JobOptions.defaults().withJobId("dead-one").withGroup("salon-42")).await().indefinitely();
    for (int n = 0; n < 5; n++) {
      this.jobs.enqueue(QUEUE, new DashboardWork("+4930000000" + n, null, 5), JobOptions.defaults().withJobId("other-" + n))
          .await().indefinitely();
    }
    await().atMost(Duration.ofSeconds(15)).until(() -> "dead".equals(asAdmin().get(BASE + "/jobs/dead-one").then().extract().path("state")));
    await().atMost(Duration.ofSeconds(15)).until(() -> "dead".equals(asAdmin().get(BASE + "/jobs/other-4").then().extract().path("state")));

    for (String q : List.of("dead-one", "wamid.HBgLNDkxNzA1NTUwMTIzNBUCABEYEjA5", "+49 170 555 01234", "salon-42")) {
      asAdmin().queryParam("state", "dead").queryParam("q", q).get(BASE + "/jobs").then().statusCode(200)
          .body("jobs.id", hasItem("dead-one")).body("jobs", hasSize(1));
    }
    // two attempts (max-attempts 2), each with its error and stack
    asAdmin().get(BASE + "/jobs/dead-one").then().statusCode(200)
        .body("result", equalTo("wamid.HBgLNDkxNzA1NTUwMTIzNBUCABEYEjA5"))
        .body("failedAttempts", hasSize(2))
        .body("failedAttempts[0].attempt", equalTo(1))
        .body("failedAttempts[1].error", equalTo("Graph API refused attempt 2"))
        .body("failedAttempts[1].errorClass", equalTo("java.lang.IllegalStateException"))
        .body("failedAttempts[1].stack", containsString("at "));
  }

  @Test
  void shouldPromoteADelayedJobSoItRunsNow() {
    this.jobs.enqueue(QUEUE, new DashboardWork("+49", null, 0), JobOptions.defaults().withJobId("later").withDelay(Duration.ofHours(2)))
        .await().indefinitely();
    asAdmin().post(BASE + "/jobs/later/promote").then().statusCode(200).body("state", equalTo("waiting"));
    await().atMost(Duration.ofSeconds(10)).until(() -> "completed".equals(asAdmin().get(BASE + "/jobs/later").then().extract().path("state")));
    asAdmin().post(BASE + "/jobs/later/promote").then().statusCode(409).body("error", equalTo("job_not_delayed"));
    asAdmin().post(BASE + "/jobs/nobody/promote").then().statusCode(404).body("error", equalTo("job_not_found"));
    // each promote is audited, the refused ones with their status
    asAdmin().get("/admin/audit?limit=3").then().statusCode(200)
        .body("action", hasItem("POST " + BASE + "/jobs/later/promote"))
        .body("find { it.job == 'nobody' }.status", equalTo(404));
  }

  @Test
  void shouldEnqueueATestJobThatRuns() {
    String id = asAdmin().contentType("application/json")
        .body(Map.of("queue", QUEUE, "data", Map.of("to", "+49", "failTimes", 0), "jobId", "smoke-1"))
        .post("/admin/queue/test").then().statusCode(201).body("created", equalTo(true)).extract().path("jobId");
    assertThat(id).isEqualTo("smoke-1");
    await().atMost(Duration.ofSeconds(10)).until(() -> "completed".equals(asAdmin().get(BASE + "/jobs/smoke-1").then().extract().path("state")));
    // completions show in the throughput of the last seconds
    await().atMost(Duration.ofSeconds(5)).until(() -> asAdmin().get(BASE + "/throughput?seconds=60").then().statusCode(200)
        .extract().jsonPath().getList("completed", Integer.class).stream().mapToInt(Integer::intValue).sum() >= 1);
    asAdmin().contentType("application/json").body(Map.of("queue", "nope")).post("/admin/queue/test").then().statusCode(404);
    asAdmin().contentType("application/json").body(Map.of("queue", QUEUE, "priority", 11)).post("/admin/queue/test").then()
        .statusCode(400).body("details.field", equalTo("priority"));
  }

  @Test
  void shouldDrainALargeBacklogInBatches() {
    asAdmin().post("/admin/queue/pause/" + QUEUE).then().statusCode(200);
    List<NewJob> batch = new ArrayList<>();
    for (int n = 0; n < 2500; n++) {
      batch.add(new NewJob(new DashboardWork("+49", null, 0), JobOptions.defaults().withJobId("b-" + n).withGroup(n % 2 == 0 ? "g" : null)));
    }
    for (int from = 0; from < batch.size(); from += 500) {
      this.jobs.enqueueAll(QUEUE, batch.subList(from, from + 500)).await().indefinitely();
    }
    asAdmin().post("/admin/queue/drain/" + QUEUE).then().statusCode(200).body("removed", equalTo(2500));
    asAdmin().get("/admin/queue/stats/" + QUEUE).then().body("waiting", equalTo(0));
    asAdmin().get(BASE + "/jobs?state=waiting").then().body("jobs", hasSize(0));
    asAdmin().get(BASE + "/groups").then().statusCode(200);
  }

  @Test
  void shouldDescribeTheEndpointsInTheApiDescription() {
    given().accept("application/json").get("/q/openapi").then().statusCode(200)
        .body("paths.'/admin/queue/{queue}/jobs'.get.responses.keySet()", org.hamcrest.Matchers.hasItems("200", "400", "401", "403", "404"))
        .body("paths.'/admin/queue/{queue}/jobs'.get.security[0].adminToken", org.hamcrest.Matchers.empty())
        .body("paths.'/admin/queue/{queue}/jobs/{id}/promote'.post.responses.keySet()", org.hamcrest.Matchers.hasItems("200", "404", "409"))
        .body("paths.keySet()", org.hamcrest.Matchers.hasItems("/admin/queue/test", "/admin/queue/{queue}/jobs/{id}",
            "/admin/queue/{queue}/throughput", "/admin/queue/{queue}/groups", "/admin/audit", "/admin/send/numbers", "/admin/queues"));
  }

  @Test
  void shouldNameTheBadParameter() {
    asAdmin().get(BASE + "/jobs?limit=501").then().statusCode(400).body("details.field", equalTo("limit"));
    asAdmin().get(BASE + "/jobs?cursor=garbage").then().statusCode(400).body("details.field", equalTo("cursor"));
    asAdmin().get(BASE + "/jobs?state=sleeping").then().statusCode(400).body("details.field", equalTo("state"));
    asAdmin().get("/admin/queue/nope/jobs").then().statusCode(404).body("error", equalTo("unknown_queue"));
  }
}
