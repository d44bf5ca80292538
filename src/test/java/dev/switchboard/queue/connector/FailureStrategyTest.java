package dev.switchboard.queue.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.queue.Job;
import dev.switchboard.queue.JobLog;
import dev.switchboard.queue.JobOptions;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.JobState;
import dev.switchboard.queue.QueueAdmin;
import dev.switchboard.queue.QueueBrowser;
import dev.switchboard.queue.TestWork;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code failure-strategy=dead-letter} on channel test-dead-letter (3 attempts): a failing job is dead after its first
 * attempt, with its error, class and payload, and an operator's retry brings it back. The default strategy, retry, is
 * QueueRetryTest's; fail-stop is FailStopTest's.
 */
@QuarkusTest
class FailureStrategyTest {

  static final String QUEUE = "test-dead-letter";

  @Inject
  JobQueue jobs;

  @Inject
  QueueAdmin admin;

  @Inject
  QueueBrowser browser;

  @Inject
  JobLog log;

  @Test
  void shouldBuryAFailedJobAtOnceWhateverAttemptsItHasLeft() {
    // fails on attempts 1 and 2, so "retry" would complete it on the third; "dead-letter" stops at the first
    this.jobs.enqueue(QUEUE, new TestWork(1, 2, false, 0), JobOptions.defaults().withJobId("buried-at-once")).await().indefinitely();

    await().atMost(Duration.ofSeconds(10)).until(() -> state("buried-at-once") == JobState.DEAD);

    Job job = this.jobs.find(QUEUE, "buried-at-once").await().indefinitely().orElseThrow();
    assertThat(job.attempts()).isEqualTo(1);
    assertThat(job.maxAttempts()).isEqualTo(3);
    assertThat(job.lastError()).isEqualTo("failure 1 of job 1");
    assertThat(job.lastErrorClass()).isEqualTo(IllegalStateException.class.getName());
    assertThat(job.data()).contains("\"n\":1");
    assertThat(this.log.startsOf(QUEUE, "buried-at-once")).hasSize(1);
    assertThat(this.browser.page(QUEUE, JobState.DEAD, null, 100, null).await().indefinitely().jobs()).extracting(Job::id).contains("buried-at-once");

    // a retry grants new attempts; the job still fails on its second attempt and is dead again at once
    assertThat(this.admin.retryDead(QUEUE, java.util.List.of("buried-at-once")).await().indefinitely()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> this.log.startsOf(QUEUE, "buried-at-once").size() == 2
        && state("buried-at-once") == JobState.DEAD);
    assertThat(this.jobs.find(QUEUE, "buried-at-once").await().indefinitely().orElseThrow().lastError()).isEqualTo("failure 2 of job 1");
  }

  @Test
  void shouldCompleteAJobThatSucceeds() {
    this.jobs.enqueue(QUEUE, TestWork.of(2), JobOptions.defaults().withJobId("fine")).await().indefinitely();

    await().atMost(Duration.ofSeconds(10)).until(() -> state("fine") == JobState.COMPLETED);
    assertThat(this.log.completionsOf(QUEUE, "fine")).isEqualTo(1);
  }

  private JobState state(String id) {
    return this.jobs.find(QUEUE, id).await().indefinitely().map(Job::state).orElse(null);
  }
}
