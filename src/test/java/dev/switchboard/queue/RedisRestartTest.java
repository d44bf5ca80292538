package dev.switchboard.queue;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.RedisTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * test-restart: 10 in flight, visibility timeout 1s. Redis (AOF on) restarts while jobs are running: every job
 * still completes, none is lost; jobs whose completion could not be recorded during the outage run again
 * (at least once), and only those.
 */
@QuarkusTest
class RedisRestartTest {

  static final String QUEUE = "test-restart";
  static final int JOBS = 500;

  @Inject
  JobQueue jobs;

  @Inject
  JobLog log;

  @AfterEach
  void redisBack() {
    RedisTestResource.server().start();
  }

  @Test
  void shouldLoseNoJobWhenRedisRestartsMidRun() {
    List<NewJob> batch = new ArrayList<>();
    for (int n = 0; n < JOBS; n++) {
      batch.add(new NewJob(TestWork.working(n, 10), JobOptions.defaults().withJobId("survivor-" + n)));
    }
    this.jobs.enqueueAll(QUEUE, batch).await().indefinitely();
    await().atMost(Duration.ofSeconds(30)).until(() -> this.log.completions(QUEUE).size() >= 50);

    RedisTestResource.server().stop(); // SIGTERM: Redis writes its AOF and exits
    given().when().get("/q/health/ready").then().statusCode(503);
    RedisTestResource.server().start();

    await().atMost(Duration.ofSeconds(60)).until(() -> this.log.completions(QUEUE).stream().map(JobLog.Start::jobId)
        .distinct().count() == JOBS);
    Map<String, Long> runs = this.log.starts(QUEUE).stream().collect(Collectors.groupingBy(JobLog.Start::jobId, Collectors.counting()));
    assertThat(runs).hasSize(JOBS);
    long repeated = runs.values().stream().filter(count -> count > 1).count();
    // only jobs that were in flight (10) or finished but not yet recorded when Redis went away may run again
    assertThat(repeated).isLessThanOrEqualTo(20);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().when().get("/q/health/ready").then().statusCode(200));
    for (String id : List.of("survivor-0", "survivor-" + (JOBS - 1))) {
      assertThat(this.jobs.find(QUEUE, id).await().indefinitely()).map(Job::state).contains(JobState.COMPLETED);
    }
  }
}
