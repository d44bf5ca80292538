package dev.switchboard.queue.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.queue.JobLog;
import dev.switchboard.queue.JobOptions;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.NewJob;
import dev.switchboard.queue.TestWork;
import dev.switchboard.testing.Metrics;
import dev.switchboard.testing.TestSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** The operator's queue API over HTTP, on the test-admin queue (group concurrency 2, one attempt). */
@QuarkusTest
class QueueAdminApiTest {

  private static final String QUEUE = "test-admin";

  @Inject
  JobQueue jobs;

  @Inject
  JobLog log;

  private static RequestSpecification asAdmin() {
    return given().header("Authorization", "Bearer " + TestSettings.ADMIN_TOKEN);
  }

  @Test
  void shouldRefuseCallsWithoutTheAdminToken() {
    given().get("/admin/queue/stats/" + QUEUE).then().statusCode(401).body("error", equalTo("unauthorized"));
    given().header("Authorization", "Bearer " + TestSettings.ACME_API_TOKEN).post("/admin/queue/pause/" + QUEUE)
        .then().statusCode(401);
    given().header("Authorization", "Bearer " + TestSettings.ACME_API_TOKEN).get("/api/queue/metrics").then().statusCode(401);
    asAdmin().get("/admin/queue/stats/no-such-queue").then().statusCode(404).body("error", equalTo("unknown_queue"))
        .body("message", containsString("whatsapp-send"));
  }

  @Test
  void shouldPauseAndResumeEveryConsumerThroughTheApi() {
    asAdmin().post("/admin/queue/pause/" + QUEUE).then().statusCode(200).body("isPaused", equalTo(true));
    try {
      List<NewJob> batch = new ArrayList<>();
      for (int n = 0; n < 5; n++) {
        batch.add(new NewJob(TestWork.of(n), JobOptions.defaults().withJobId("paused-" + n)));
      }
      this.jobs.enqueueAll(QUEUE, batch).await().indefinitely();
      double polls = pausedFetches();
      // the consumer looked at the paused queue twice since the jobs arrived, and took none
      await().atMost(Duration.ofSeconds(10)).until(() -> pausedFetches() >= polls + 2);
      assertThat(this.log.startsOf(QUEUE, "paused-0")).isEmpty();
      asAdmin().get("/admin/queue/stats/" + QUEUE).then().statusCode(200)
          .body("paused", greaterThanOrEqualTo(5)).body("isPaused", equalTo(true));
      asAdmin().get("/admin/queue/health").then().statusCode(200).body("status", equalTo("degraded"));
    } finally {
      asAdmin().post("/admin/queue/resume/" + QUEUE).then().statusCode(200).body("isPaused", equalTo(false));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> this.log.completionsOf(QUEUE, "paused-4") == 1);
  }

  private static double pausedFetches() {
    return Metrics.value("switchboard_queue_fetches_total", "channel=\"" + QUEUE + "\",outcome=\"paused\"");
  }

  @Test
  void shouldReportEachTenantsJobsInFlight() {
    List<NewJob> batch = new ArrayList<>();
    for (int n = 0; n < 6; n++) {
      batch.add(new NewJob(TestWork.working(n, 700), JobOptions.defaults().withJobId("slot-" + n).withGroup("tenant-x")));
    }
    this.jobs.enqueueAll(QUEUE, batch).await().indefinitely();

    AtomicInteger mostSeen = new AtomicInteger();
    await().atMost(Duration.ofSeconds(15)).until(() -> {
      Map<String, Object> metrics = asAdmin().get("/api/queue/metrics").then().statusCode(200)
          .extract().jsonPath().getMap(QUEUE);
      @SuppressWarnings("unchecked")
      Map<String, Integer> inFlight = (Map<String, Integer>) metrics.get("tenantConcurrency");
      mostSeen.accumulateAndGet(inFlight.getOrDefault("tenant-x", 0), Math::max);
      return this.log.completionsOf(QUEUE, "slot-5") == 1 && !inFlight.containsKey("tenant-x");
    });
    // group concurrency 2: the API saw the tenant's slots in use, and never more than its limit
    assertThat(mostSeen.get()).isBetween(1, 2);
  }

  @Test
  void shouldListRetryAndCleanDeadJobs() {
    // fails once; with one attempt it dies at once, and a retry then succeeds
    this.jobs.enqueue(QUEUE, new TestWork(1, 1, false, 0), JobOptions.defaults().withJobId("revived")).await().indefinitely();
    await().atMost(Duration.ofSeconds(10)).until(() -> asAdmin().get("/admin/queue/jobs/" + QUEUE + "/revived")
        .then().extract().path("state").equals("dead"));
    asAdmin().get("/admin/queue/jobs/" + QUEUE + "?state=dead").then().statusCode(200)
        .body("id", org.hamcrest.Matchers.hasItem("revived"));
    asAdmin().get("/admin/queue/jobs/" + QUEUE + "/revived").then().body("lastError", containsString("failure 1 of job 1"));

    asAdmin().post("/admin/queue/retry/" + QUEUE + "/revived").then().statusCode(200).body("retried", equalTo(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> this.log.completionsOf(QUEUE, "revived") == 1);
    asAdmin().post("/admin/queue/retry/" + QUEUE + "/revived").then().statusCode(409).body("error", equalTo("job_not_dead"));

    await().atMost(Duration.ofSeconds(10)).until(() -> "completed".equals(asAdmin().get("/admin/queue/jobs/" + QUEUE + "/revived")
        .then().extract().path("state")));
    asAdmin().post("/admin/queue/clean/" + QUEUE + "?status=completed&grace=0").then().statusCode(200)
        .body("removed", greaterThanOrEqualTo(1));
    asAdmin().get("/admin/queue/jobs/" + QUEUE + "/revived").then().statusCode(404).body("error", equalTo("job_not_found"));
  }

  @Test
  void shouldRemoveAJobThatHasNotStarted() {
    this.jobs.enqueue(QUEUE, TestWork.of(1), JobOptions.defaults().withJobId("later").withDelay(Duration.ofHours(1)))
        .await().indefinitely();
    asAdmin().get("/admin/queue/jobs/" + QUEUE + "?state=delayed").then().statusCode(200)
        .body("id", org.hamcrest.Matchers.hasItem("later"));
    asAdmin().delete("/admin/queue/jobs/" + QUEUE + "/later").then().statusCode(204);
    asAdmin().delete("/admin/queue/jobs/" + QUEUE + "/later").then().statusCode(404);
  }

  @Test
  void shouldNameTheBadParameter() {
    asAdmin().post("/admin/queue/clean/" + QUEUE + "?status=waiting").then().statusCode(400)
        .body("error", equalTo("invalid_request")).body("details.field", equalTo("status"));
    asAdmin().post("/admin/queue/clean/" + QUEUE + "?grace=yesterday").then().statusCode(400)
        .body("details.field", equalTo("grace"));
    asAdmin().get("/admin/queue/jobs/" + QUEUE + "?state=sleeping").then().statusCode(400)
        .body("details.field", equalTo("state"));
    asAdmin().get("/admin/queue/jobs/" + QUEUE + "?limit=0").then().statusCode(400)
        .body("details.field", equalTo("limit"));
  }
}
