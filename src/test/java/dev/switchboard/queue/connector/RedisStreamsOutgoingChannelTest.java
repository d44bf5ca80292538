package dev.switchboard.queue.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.queue.Job;
import dev.switchboard.queue.JobOptions;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.JobState;
import dev.switchboard.queue.QueueAdmin;
import dev.switchboard.queue.TestWork;
import dev.switchboard.testing.RedisTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Outgoing channel test-enqueue (queue test-dead-letter, priority 8): an emitter's Uni completes only once Redis has
 * the job, and fails when Redis cannot take it.
 */
@QuarkusTest
class RedisStreamsOutgoingChannelTest {

  static final String QUEUE = "test-dead-letter";

  @Inject
  @Channel("test-enqueue")
  MutinyEmitter<TestWork> emitter;

  @Inject
  JobQueue jobs;

  @Inject
  QueueAdmin admin;

  @AfterEach
  void redisBack() {
    RedisTestResource.server().start();
    this.admin.resume(QUEUE).await().indefinitely();
  }

  @Test
  void shouldCompleteOnceRedisHasTheJob() {
    this.admin.pause(QUEUE).await().indefinitely(); // so the job is still waiting when looked at

    this.emitter.sendMessage(Message.of(TestWork.of(1)).addMetadata(JobOptions.defaults().withJobId("emitted")))
        .await().atMost(Duration.ofSeconds(5));

    Job job = this.jobs.find(QUEUE, "emitted").await().indefinitely().orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.WAITING);
    assertThat(job.priority()).isEqualTo(8); // the channel's priority: the options named none
    assertThat(job.data()).contains("\"n\":1");
  }

  @Test
  void shouldFailWhenRedisIsDown() {
    RedisTestResource.server().stop();

    assertThatThrownBy(() -> this.emitter.sendMessage(Message.of(TestWork.of(2)).addMetadata(JobOptions.defaults().withJobId("lost")))
        .await().atMost(Duration.ofSeconds(15))).isNotInstanceOf(io.smallrye.mutiny.TimeoutException.class);

    RedisTestResource.server().start();
    assertThat(this.jobs.find(QUEUE, "lost").await().atMost(Duration.ofSeconds(10))).isEmpty();
  }
}
