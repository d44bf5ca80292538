package dev.switchboard.queue;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class QueueMetricsTest {

  @Inject
  JobQueue jobs;

  @Inject
  JobLog log;

  @Test
  void shouldCountJobsAndTimeThemPerQueue() {
    double before = sample("switchboard_queue_jobs_completed_total\\{queue=\"test-delayed\",?\\}");
    this.jobs.enqueue("test-delayed", TestWork.of(1), JobOptions.defaults().withJobId("measured")).await().indefinitely();
    await().atMost(Duration.ofSeconds(10)).until(() -> this.log.completionsOf("test-delayed", "measured") == 1);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(sample("switchboard_queue_jobs_completed_total\\{queue=\"test-delayed\",?\\}")).isEqualTo(before + 1);
      assertThat(sample("switchboard_queue_jobs\\{queue=\"test-delayed\",state=\"completed\",?\\}")).isGreaterThanOrEqualTo(1);
    });
    assertThat(sample("switchboard_queue_jobs_enqueued_total\\{queue=\"test-delayed\",?\\}")).isGreaterThanOrEqualTo(1);
    assertThat(sample("switchboard_queue_job_processing_seconds_count\\{queue=\"test-delayed\",?\\}")).isGreaterThanOrEqualTo(1);
    // histogram buckets (Prometheus sums them over replicas): the job's wait is counted in its bucket and every one above
    assertThat(sample("switchboard_queue_job_wait_seconds_bucket\\{queue=\"test-delayed\",le=\"\\+Inf\",?\\}")).isGreaterThanOrEqualTo(1);
    assertThat(sample("switchboard_queue_job_wait_seconds_bucket\\{queue=\"test-delayed\",le=\"3600\\.0\",?\\}")).isGreaterThanOrEqualTo(1);
    assertThat(metrics()).as("no per-replica quantiles").doesNotContain("switchboard_queue_job_wait_seconds{queue=\"test-delayed\",quantile=");
  }

  private static String metrics() {
    return given().accept("text/plain; version=0.0.4").when().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  private static double sample(String nameAndLabels) {
    String body = metrics();
    Matcher matcher = Pattern.compile("(?m)^" + nameAndLabels + " ([0-9.eE+\\-]+)$").matcher(body);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }
}
