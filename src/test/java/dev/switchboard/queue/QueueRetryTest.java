package dev.switchboard.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** test-retry: max-attempts 3, backoff 200ms (doubling). */
@QuarkusTest
class QueueRetryTest {

  static final String QUEUE = "test-retry";
  static final long BACKOFF_MILLIS = 200;

  @Inject
  JobQueue jobs;

  @Inject
  QueueAdmin admin;

  @Inject
  QueueBrowser browser;

  @Inject
  JobLog log;

  @Test
  void shouldCompleteOnTheThirdAttemptAfterBackoff() {
    this.jobs.enqueue(QUEUE, new TestWork(1, 2, false, 0), JobOptions.defaults().withJobId("flaky")).await().indefinitely();

    await().atMost(Duration.ofSeconds(15)).until(() -> this.log.completionsOf(QUEUE, "flaky") == 1);

    List<JobLog.Start> starts = this.log.startsOf(QUEUE, "flaky");
    assertThat(starts).extracting(JobLog.Start::attempt).containsExactly(1, 2, 3);
    assertThat(starts.get(1).atMillis() - starts.get(0).atMillis()).isGreaterThanOrEqualTo(BACKOFF_MILLIS);
    assertThat(starts.get(2).atMillis() - starts.get(1).atMillis()).isGreaterThanOrEqualTo(2 * BACKOFF_MILLIS);
    Job job = this.jobs.find(QUEUE, "flaky").await().indefinitely().orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.COMPLETED);
    assertThat(job.attempts()).isEqualTo(3);
    assertThat(job.lastError()).isEqualTo("failure 2 of job 1");
  }

  @Test
  void shouldGoDeadAfterMaxAttemptsAndKeepTheError() {
    this.jobs.enqueue(QUEUE, new TestWork(2, 99, false, 0), JobOptions.defaults().withJobId("hopeless")).await().indefinitely();

    await().atMost(Duration.ofSeconds(15)).until(() -> state("hopeless") == JobState.DEAD);

    assertThat(this.log.startsOf(QUEUE, "hopeless")).hasSize(3);
    List<Job> dead = this.browser.page(QUEUE, JobState.DEAD, null, 100, null).await().indefinitely().jobs();
    assertThat(dead).filteredOn(job -> job.id().equals("hopeless")).singleElement().satisfies(job -> {
      assertThat(job.lastError()).isEqualTo("failure 3 of job 2");
      assertThat(job.lastErrorClass()).isEqualTo(IllegalStateException.class.getName());
      assertThat(job.attempts()).isEqualTo(3);
      assertThat(job.data()).contains("\"n\":2");
    });
  }

  @Test
  void shouldGoDeadAtOnceOnAPermanentFailure() {
    this.jobs.enqueue(QUEUE, new TestWork(3, 99, true, 0), JobOptions.defaults().withJobId("permanent")).await().indefinitely();

    await().atMost(Duration.ofSeconds(10)).until(() -> state("permanent") == JobState.DEAD);

    assertThat(this.log.startsOf(QUEUE, "permanent")).hasSize(1);
    assertThat(this.jobs.find(QUEUE, "permanent").await().indefinitely().orElseThrow().lastErrorClass())
        .isEqualTo(PermanentJobFailure.class.getName());
  }

  @Test
  void shouldRetryADeadJobOnRequestAndCleanDeadJobs() {
    // fails permanently on its first attempt only: dead, then completes when an operator retries it
    this.jobs.enqueue(QUEUE, new TestWork(4, 1, true, 0), JobOptions.defaults().withJobId("revived")).await().indefinitely();
    this.jobs.enqueue(QUEUE, new TestWork(5, 99, true, 0), JobOptions.defaults().withJobId("buried")).await().indefinitely();
    await().atMost(Duration.ofSeconds(10)).until(() -> state("revived") == JobState.DEAD && state("buried") == JobState.DEAD);

    assertThat(this.admin.retryDead(QUEUE, List.of("revived")).await().indefinitely()).isEqualTo(1);

    await().atMost(Duration.ofSeconds(10)).until(() -> state("revived") == JobState.COMPLETED);
    // attempt numbers go on (they fence deliveries), with a fresh allowance of attempts
    assertThat(this.log.startsOf(QUEUE, "revived")).extracting(JobLog.Start::attempt).containsExactly(1, 2);
    assertThat(state("buried")).isEqualTo(JobState.DEAD);

    long cleaned = this.admin.clean(QUEUE, JobState.DEAD, Duration.ZERO, 1000).await().indefinitely();
    assertThat(cleaned).isGreaterThanOrEqualTo(1);
    assertThat(this.jobs.find(QUEUE, "buried").await().indefinitely()).isEmpty();
  }

  @Test
  void shouldRemoveAWaitingJob() {
    this.admin.pause(QUEUE).await().indefinitely();
    try {
      this.jobs.enqueue(QUEUE, TestWork.of(6), JobOptions.defaults().withJobId("unwanted")).await().indefinitely();
      assertThat(this.admin.remove(QUEUE, "unwanted").await().indefinitely()).isEqualTo(QueueAdmin.RemoveOutcome.REMOVED);
      assertThat(this.admin.remove(QUEUE, "unwanted").await().indefinitely()).isEqualTo(QueueAdmin.RemoveOutcome.NOT_FOUND);
      assertThat(this.admin.counts(QUEUE).await().indefinitely().waiting()).isZero();
    } finally {
      this.admin.resume(QUEUE).await().indefinitely();
    }
    assertThat(this.log.startsOf(QUEUE, "unwanted")).isEmpty();
  }

  private JobState state(String id) {
    return this.jobs.find(QUEUE, id).await().indefinitely().map(Job::state).orElse(null);
  }
}
