package dev.switchboard.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Metrics;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PauseAndDelayTest {

  @Inject
  JobQueue jobs;

  @Inject
  QueueAdmin admin;

  @Inject
  JobLog log;

  /**
   * test-pause has two consumers (channels test-pause-a and -b), standing in for two replicas; each one's fetches that
   * found the queue paused are counted in {@code switchboard_queue_fetches_total{outcome="paused"}}.
   */
  @Test
  void shouldStopEveryConsumerWhilePausedAndRestartOnResume() {
    this.admin.pause("test-pause").await().indefinitely();

    List<NewJob> batch = new ArrayList<>();
    for (int n = 0; n < 20; n++) {
      batch.add(new NewJob(TestWork.of(n), JobOptions.defaults().withJobId("held-" + n)));
    }
    this.jobs.enqueueAll("test-pause", batch).await().indefinitely();
    double pollsA = pausedFetches("test-pause-a");
    double pollsB = pausedFetches("test-pause-b");

    // both consumers looked at the queue at least twice since the jobs arrived, and took nothing
    await().atMost(Duration.ofSeconds(10)).until(() -> pausedFetches("test-pause-a") >= pollsA + 2 && pausedFetches("test-pause-b") >= pollsB + 2);
    assertThat(this.log.starts("test-pause")).isEmpty();
    QueueCounts paused = this.admin.counts("test-pause").await().indefinitely();
    assertThat(paused.isPaused()).isTrue();
    assertThat(paused.paused()).isEqualTo(20);

    this.admin.resume("test-pause").await().indefinitely();

    await().atMost(Duration.ofSeconds(10)).until(() -> this.log.completions("test-pause").size() == 20);
    assertThat(this.log.starts("test-pause")).extracting(JobLog.Start::jobId).doesNotHaveDuplicates();
  }

  /**
   * Jobs the consumers fetched ahead (up to their prefetch, 8 each) start no more once they learn of the pause: after it
   * only what their copies had already taken (one each, four in all) may still start; on resume every job runs, once,
   * on its first attempt.
   */
  @Test
  void shouldStartNoJobFetchedAheadOncePaused() {
    List<NewJob> batch = new ArrayList<>();
    for (int n = 0; n < 40; n++) {
      batch.add(new NewJob(TestWork.working(n, 300), JobOptions.defaults().withJobId("ahead-" + n)));
    }
    this.jobs.enqueueAll("test-pause", batch).await().indefinitely();
    await().atMost(Duration.ofSeconds(10)).until(() -> startsOf("ahead-") >= 4);
    this.admin.pause("test-pause").await().indefinitely();
    long startedBeforePause = startsOf("ahead-");

    // the running jobs finish; the queue stays still for longer than a job takes
    await().atMost(Duration.ofSeconds(10)).until(() -> this.log.completions("test-pause").stream()
        .filter(done -> done.jobId().startsWith("ahead-")).count() >= startedBeforePause);
    long settled = startsOf("ahead-");
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> startsOf("ahead-") == settled);
    assertThat(settled).as("jobs started after the pause").isLessThanOrEqualTo(startedBeforePause + 4);

    this.admin.resume("test-pause").await().indefinitely();
    await().atMost(Duration.ofSeconds(20)).until(() -> this.log.completions("test-pause").stream().filter(done -> done.jobId().startsWith("ahead-")).count() == 40);
    List<JobLog.Start> starts = this.log.starts("test-pause").stream().filter(start -> start.jobId().startsWith("ahead-")).toList();
    assertThat(starts).extracting(JobLog.Start::jobId).doesNotHaveDuplicates().hasSize(40);
    assertThat(starts).extracting(JobLog.Start::attempt).containsOnly(1);
  }

  private long startsOf(String prefix) {
    return this.log.starts("test-pause").stream().filter(start -> start.jobId().startsWith(prefix)).count();
  }

  static double pausedFetches(String channel) {
    return Metrics.value("switchboard_queue_fetches_total", "channel=\"" + channel + "\",outcome=\"paused\"");
  }

  @Test
  void shouldRunADelayedJobNoEarlierThanItsDueTime() {
    Instant due = Instant.now().plusMillis(1500);
    EnqueueResult result = this.jobs.enqueue("test-delayed", TestWork.of(1), JobOptions.defaults().withJobId("later").withDueAt(due))
        .await().indefinitely();
    assertThat(result.state()).isEqualTo(JobState.DELAYED);
    assertThat(this.admin.counts("test-delayed").await().indefinitely().delayed()).isEqualTo(1);

    await().atMost(Duration.ofSeconds(10)).until(() -> this.log.completionsOf("test-delayed", "later") == 1);

    long startedAt = this.log.startsOf("test-delayed", "later").get(0).atMillis();
    assertThat(startedAt).isGreaterThanOrEqualTo(due.toEpochMilli());
  }

  @Test
  void shouldDrainJobsThatHaveNotStarted() {
    this.admin.pause("test-delayed").await().indefinitely();
    try {
      this.jobs.enqueue("test-delayed", TestWork.of(1), JobOptions.defaults().withJobId("drained-now")).await().indefinitely();
      this.jobs.enqueue("test-delayed", TestWork.of(2), JobOptions.defaults().withJobId("drained-later").withDelay(Duration.ofHours(1)))
          .await().indefinitely();

      assertThat(this.admin.drain("test-delayed", true).await().indefinitely()).isEqualTo(2);

      QueueCounts counts = this.admin.counts("test-delayed").await().indefinitely();
      assertThat(counts.waiting()).isZero();
      assertThat(counts.delayed()).isZero();
      assertThat(this.jobs.find("test-delayed", "drained-later").await().indefinitely()).isEmpty();
    } finally {
      this.admin.resume("test-delayed").await().indefinitely();
    }
  }

  @Test
  void shouldFailAnAttemptThatExceedsTheJobTimeout() {
    // test-timeout: job-timeout 300ms, max-attempts 1
    this.jobs.enqueue("test-timeout", TestWork.working(1, 5000), JobOptions.defaults().withJobId("slow")).await().indefinitely();

    await().atMost(Duration.ofSeconds(10)).until(() -> this.jobs.find("test-timeout", "slow").await().indefinitely()
        .map(Job::state).orElse(null) == JobState.DEAD);

    Job job = this.jobs.find("test-timeout", "slow").await().indefinitely().orElseThrow();
    assertThat(job.lastError()).contains("job timeout");
    assertThat(this.log.completionsOf("test-timeout", "slow")).isZero();
  }
}
