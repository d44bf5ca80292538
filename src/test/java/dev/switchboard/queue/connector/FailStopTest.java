package dev.switchboard.queue.connector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.queue.Job;
import dev.switchboard.queue.JobLog;
import dev.switchboard.queue.JobOptions;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.JobState;
import dev.switchboard.queue.TestWork;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code failure-strategy=fail}: the first failure stops channel test-fail-stop in this replica. It runs no further
 * job, liveness and readiness name it, and the failed job stays pending for another consumer. A fail-stopped channel
 * stays down until a restart, so this test has an application of its own (a test profile).
 */
@QuarkusTest
@TestProfile(FailStopTest.Profile.class)
class FailStopTest {

  static final String QUEUE = "test-fail-stop";
  static final String LIVENESS = "checks.find { it.name == 'SmallRye Reactive Messaging - liveness check' }";
  static final String READINESS = "checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }";

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("mp.messaging.incoming.test-fail-stop.connector", "redis-streams",
          "mp.messaging.incoming.test-fail-stop.concurrency", "2",
          "mp.messaging.incoming.test-fail-stop.failure-strategy", "fail");
    }
  }

  @Inject
  JobQueue jobs;

  @Inject
  JobLog log;

  @Test
  void shouldStopTheChannelAtTheFirstFailureAndLeaveTheJobPending() {
    given().when().get("/q/health/ready").then().statusCode(200);
    this.jobs.enqueue(QUEUE, new TestWork(1, 1, false, 0), JobOptions.defaults().withJobId("stopper")).await().indefinitely();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().when().get("/q/health/live").then().statusCode(503)
        .body(LIVENESS + ".data.'" + QUEUE + "'", startsWith("[KO]")));
    given().when().get("/q/health/ready").then().statusCode(503)
        .body(READINESS + ".data.'" + QUEUE + "'", containsString("stopped after a failure: failure 1 of job 1"));
    given().when().get("/health/detailed").then().statusCode(503).body("status", equalTo("unhealthy"))
        .body("checks.queues.find { it.channel == '" + QUEUE + "' }.status", equalTo("down"));

    // the job is left as the failure found it: active, attempt 1, to be reclaimed by a consumer that still runs
    Job stopper = this.jobs.find(QUEUE, "stopper").await().indefinitely().orElseThrow();
    assertThat(stopper.state()).isEqualTo(JobState.ACTIVE);
    assertThat(stopper.attempts()).isEqualTo(1);

    // nothing more is fetched: a new job stays waiting while the channel's timers would have taken it long since
    this.jobs.enqueue(QUEUE, TestWork.of(2), JobOptions.defaults().withJobId("never-started")).await().indefinitely();
    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(this.jobs.find(QUEUE, "never-started").await().indefinitely().map(Job::state)).contains(JobState.WAITING));
    assertThat(this.log.startsOf(QUEUE, "never-started")).isEmpty();
    assertThat(this.log.startsOf(QUEUE, "stopper")).hasSize(1);
  }
}
