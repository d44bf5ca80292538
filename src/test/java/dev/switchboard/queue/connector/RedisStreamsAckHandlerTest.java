package dev.switchboard.queue.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.queue.Job;
import dev.switchboard.queue.JobLog;
import dev.switchboard.queue.JobOptions;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.JobState;
import dev.switchboard.queue.TestWork;
import dev.switchboard.testing.RedisTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Acks of channel test-health (visibility timeout 10 s): a job that finishes while Redis is away is completed once Redis
 * is back, by the same delivery, instead of being reclaimed and run a second time after its lease ran out.
 */
@QuarkusTest
class RedisStreamsAckHandlerTest {

  static final String QUEUE = "test-health";

  @Inject
  JobQueue jobs;

  @Inject
  JobLog log;

  @AfterEach
  void redisBack() {
    RedisTestResource.server().start();
  }

  @Test
  void shouldRecordACompletionThatFailedOnceRedisIsBack() {
    this.jobs.enqueue(QUEUE, TestWork.working(1, 1500), JobOptions.defaults().withJobId("finished-in-the-dark")).await().indefinitely();
    await().atMost(Duration.ofSeconds(10)).until(() -> this.log.startsOf(QUEUE, "finished-in-the-dark").size() == 1);

    RedisTestResource.server().stop();
    // the processor finishes while Redis is gone: its completion cannot be recorded yet
    await().atMost(Duration.ofSeconds(10)).until(() -> this.log.completionsOf(QUEUE, "finished-in-the-dark") == 1);
    RedisTestResource.server().start();

    await().atMost(Duration.ofSeconds(8)).until(() -> this.jobs.find(QUEUE, "finished-in-the-dark").await().indefinitely()
        .map(Job::state).orElse(null) == JobState.COMPLETED);
    Job job = this.jobs.find(QUEUE, "finished-in-the-dark").await().indefinitely().orElseThrow();
    assertThat(job.attempts()).isEqualTo(1);
    assertThat(this.log.startsOf(QUEUE, "finished-in-the-dark")).hasSize(1);
  }
}
