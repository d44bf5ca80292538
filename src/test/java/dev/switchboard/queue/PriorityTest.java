package dev.switchboard.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.switchboard.queue.connector.FairBands;
import dev.switchboard.queue.redis.QueueKeys;
import io.quarkus.test.junit.QuarkusTest;

/**
 * test-priority: one consumer, 4 in flight, at most 12 jobs per take. Each scenario is enqueued while the queue is paused and then resumed, so
 * the consumer sees the whole backlog at once and the order in which jobs start follows from the fetches alone: each
 * take serves the highest band first, except that every {@link FairBands#EVERY}-th take first serves one band of a
 * rotation over the {@link QueueKeys#BANDS} bands (or the next non-empty band above it).
 */
@QuarkusTest
class PriorityTest {

  static final String QUEUE = "test-priority";
  static final int CONCURRENCY = 4;
  static final int BATCH_SIZE = ConfigProvider.getConfig().getValue("mp.messaging.incoming.test-priority.batch-size", Integer.class);

  @Inject
  JobQueue jobs;

  @Inject
  QueueAdmin admin;

  @Inject
  JobLog log;

  /**
   * 1,000 priority-10 jobs enqueued after 5,000 priority-1 ones. Bound on the priority-1 jobs that start before the
   * last priority-10 one: only fair takes serve band 1 while band 10 is not empty, and of the rotation's positions only
   * bands 0 and 1 reach it (2 of BANDS). Every other take starts with at least one priority-10 job, and a fair take
   * that reached band 1 with room left fills up from band 10 after its one low job. So until the last high job is
   * taken there are at most {@code HIGH + lowPicks} takes, and {@code lowPicks <= 2 * ceil(takes / (EVERY * BANDS))};
   * with a margin of 2 for where the rotation stands when the queue resumes.
   */
  @Test
  void shouldRunHighPriorityJobsEnqueuedLaterFirst() {
    int high = 1000;
    int takes = high + 50; // a generous bound on the low picks, which the rotation keeps near 20
    long bound = 2L * ceilDiv(takes, FairBands.EVERY * QueueKeys.BANDS) + 2;

    this.admin.pause(QUEUE).await().indefinitely();
    try {
      enqueue("low-", 5000, 1);
      enqueue("high-", high, 10);
    } finally {
      this.admin.resume(QUEUE).await().indefinitely();
    }

    await().atMost(Duration.ofSeconds(120)).until(() -> completed("high-") == high);
    List<JobLog.Start> starts = startsOf("low-", "high-");
    long lastHigh = starts.stream().filter(s -> s.jobId().startsWith("high-")).mapToLong(JobLog.Start::sequence).max().orElseThrow();
    long lowBefore = starts.stream().filter(s -> s.jobId().startsWith("low-") && s.sequence() < lastHigh).count();

    System.out.printf("priority-1 jobs started before the last priority-10 one: %d (bound %d)%n", lowBefore, bound);
    assertThat(lowBefore).as("priority-1 jobs started before the last priority-10 one").isLessThanOrEqualTo(bound);
    await().atMost(Duration.ofSeconds(120)).until(() -> completed("low-") == 5000);
  }

  /**
   * A priority-0 job behind 3,000 priority-10 ones. The rotation reaches band 0 within {@code EVERY * BANDS} takes of
   * the resume, and each take takes at most BATCH_SIZE jobs (what the copies and the prefetch window lack), so at most
   * {@code EVERY * BANDS * BATCH_SIZE} priority-10 jobs start before it (plus the take that is in progress when the
   * rotation gets there).
   */
  @Test
  void shouldNotStarveALowPriorityJob() {
    long bound = (long) (FairBands.EVERY * QueueKeys.BANDS + 1) * BATCH_SIZE;

    this.admin.pause(QUEUE).await().indefinitely();
    try {
      enqueue("flood-", 3000, 10);
      enqueue("lonely-", 1, 0);
    } finally {
      this.admin.resume(QUEUE).await().indefinitely();
    }

    await().atMost(Duration.ofSeconds(120)).until(() -> completed("lonely-") == 1);
    List<JobLog.Start> starts = startsOf("flood-", "lonely-");
    long lonely = starts.stream().filter(s -> s.jobId().startsWith("lonely-")).findFirst().orElseThrow().sequence();
    long floodBefore = starts.stream().filter(s -> s.jobId().startsWith("flood-") && s.sequence() < lonely).count();

    System.out.printf("priority-10 jobs started before the priority-0 one: %d (bound %d)%n", floodBefore, bound);
    assertThat(floodBefore).as("priority-10 jobs started before the priority-0 one").isLessThanOrEqualTo(bound);
    await().atMost(Duration.ofSeconds(120)).until(() -> completed("flood-") == 3000);
  }

  private void enqueue(String idPrefix, int count, int priority) {
    List<NewJob> batch = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      batch.add(new NewJob(TestWork.of(n), JobOptions.defaults().withJobId(idPrefix + n).withPriority(priority)));
      if (batch.size() == 500) {
        this.jobs.enqueueAll(QUEUE, batch).await().atMost(Duration.ofSeconds(10));
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      this.jobs.enqueueAll(QUEUE, batch).await().atMost(Duration.ofSeconds(10));
    }
  }

  private List<JobLog.Start> startsOf(String... idPrefixes) {
    return this.log.starts(QUEUE).stream().filter(s -> List.of(idPrefixes).stream().anyMatch(s.jobId()::startsWith)).toList();
  }

  private long completed(String idPrefix) {
    return this.log.completions(QUEUE).stream().filter(s -> s.jobId().startsWith(idPrefix)).count();
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
