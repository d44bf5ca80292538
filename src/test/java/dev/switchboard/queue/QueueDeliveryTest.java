package dev.switchboard.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.MutinyEmitter;

@QuarkusTest
class QueueDeliveryTest {

  static final String QUEUE = "test-basic";

  @Inject
  JobQueue jobs;

  @Inject
  QueueAdmin admin;

  @Inject
  JobLog log;

  @Inject
  @Channel("test-out")
  MutinyEmitter<TestWork> emitter;

  @Test
  void shouldProcessEachOfThousandJobsExactlyOnce() {
    List<NewJob> batch = new ArrayList<>();
    for (int n = 0; n < 1000; n++) {
      batch.add(new NewJob(TestWork.of(n), JobOptions.defaults().withJobId("once-" + n)));
    }
    List<EnqueueResult> results = this.jobs.enqueueAll(QUEUE, batch).await().atMost(Duration.ofSeconds(10));
    assertThat(results).allMatch(EnqueueResult::created).hasSize(1000);

    await().atMost(Duration.ofSeconds(60)).until(() -> onceJobs(this.log.completions(QUEUE)).size() == 1000);

    Map<String, Long> completions = onceJobs(this.log.completions(QUEUE)).stream()
        .collect(Collectors.groupingBy(JobLog.Start::jobId, Collectors.counting()));
    assertThat(completions).hasSize(1000).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
    assertThat(onceJobs(this.log.starts(QUEUE))).hasSize(1000); // no job ran twice, none failed
    QueueCounts counts = this.admin.counts(QUEUE).await().indefinitely();
    assertThat(counts.dead()).isZero();
    assertThat(counts.failed()).isZero();
  }

  @Test
  void shouldKeepOneJobWhenTheSameIdIsEnqueuedTwice() {
    EnqueueResult first = this.jobs.enqueue(QUEUE, TestWork.of(1), JobOptions.defaults().withJobId("twice")).await().indefinitely();
    EnqueueResult second = this.jobs.enqueue(QUEUE, TestWork.of(2), JobOptions.defaults().withJobId("twice")).await().indefinitely();

    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    assertThat(second.jobId()).isEqualTo("twice");
    await().atMost(Duration.ofSeconds(10)).until(() -> this.log.completionsOf(QUEUE, "twice") == 1);
    Job job = this.jobs.find(QUEUE, "twice").await().indefinitely().orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.COMPLETED);
    assertThat(job.data()).contains("\"n\":1");
    // enqueueing again after completion still finds the finished job (within retention)
    EnqueueResult third = this.jobs.enqueue(QUEUE, TestWork.of(3), JobOptions.defaults().withJobId("twice")).await().indefinitely();
    assertThat(third.created()).isFalse();
    assertThat(third.state()).isEqualTo(JobState.COMPLETED);
    assertThat(this.log.startsOf(QUEUE, "twice")).hasSize(1);
  }

  @Test
  void shouldAnswerEachOfManyConcurrentSingleEnqueuesWithItsOwnJob() {
    // 300 single calls, 50 in flight (they share script calls), two of them with one id
    List<EnqueueResult> results = Multi.createFrom().range(0, 300)
        .onItem().transformToUni(n -> this.jobs.enqueue(QUEUE, TestWork.of(n),
            JobOptions.defaults().withJobId(n == 299 ? "together-0" : "together-" + n)))
        .merge(50)
        .collect().asList().await().atMost(Duration.ofSeconds(20));

    assertThat(results).hasSize(300);
    assertThat(results.stream().filter(EnqueueResult::created).map(EnqueueResult::jobId).distinct()).hasSize(299);
    assertThat(results.stream().filter(r -> !r.created()).map(EnqueueResult::jobId)).containsExactly("together-0");
    await().atMost(Duration.ofSeconds(30))
        .until(() -> this.log.completions(QUEUE).stream().filter(s -> s.jobId().startsWith("together-")).count() == 299);
    assertThat(this.log.startsOf(QUEUE, "together-0")).hasSize(1);
    assertThat(this.jobs.find(QUEUE, "together-0").await().indefinitely().orElseThrow().data()).contains("\"n\":0");
  }

  @Test
  void shouldEnqueueThroughAnOutgoingChannelWithOptions() {
    this.emitter.sendMessage(Message.of(TestWork.of(7)).addMetadata(JobOptions.defaults().withJobId("via-channel").withPriority(9)))
        .await().atMost(Duration.ofSeconds(5));

    await().atMost(Duration.ofSeconds(10)).until(() -> this.log.completionsOf(QUEUE, "via-channel") == 1);
    assertThat(this.log.startsOf(QUEUE, "via-channel").get(0).priority()).isEqualTo(9);
  }

  @Test
  void shouldRejectAnOutOfRangePriority() {
    var failure = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> this.jobs.enqueue(QUEUE, TestWork.of(1), JobOptions.defaults().withPriority(11)).await().indefinitely());
    assertThat(failure).hasMessageContaining("priority");
  }

  @Test
  void shouldKeepRedisMemoryFlatWithRetention() {
    List<NewJob> batch = new ArrayList<>();
    for (int n = 0; n < 1500; n++) {
      batch.add(new NewJob(TestWork.of(n), JobOptions.defaults().withJobId("retained-" + n)));
    }
    this.jobs.enqueueAll(QUEUE, batch).await().atMost(Duration.ofSeconds(10));
    await().atMost(Duration.ofSeconds(60)).until(() -> this.log.completions(QUEUE).stream()
        .filter(s -> s.jobId().startsWith("retained-")).count() == 1500);

    QueueCounts counts = this.admin.counts(QUEUE).await().indefinitely();
    assertThat(counts.completed()).isLessThanOrEqualTo(1000); // retention-completed-count
    // the oldest finished jobs are gone entirely, not only from the listing
    assertThat(this.jobs.find(QUEUE, "retained-0").await().indefinitely()).isEmpty();
    assertThat(this.jobs.find(QUEUE, "retained-1499").await().indefinitely()).isPresent();
  }

  private static List<JobLog.Start> onceJobs(List<JobLog.Start> all) {
    return all.stream().filter(s -> s.jobId().startsWith("once-")).toList();
  }

  static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
    return items.stream().collect(Collectors.toMap(id, Function.identity()));
  }
}
