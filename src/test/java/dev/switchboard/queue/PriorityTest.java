package dev.switchboard.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** test-priority: one consumer, 4 in flight. */
@QuarkusTest
class PriorityTest {

  static final String QUEUE = "test-priority";

  @Inject
  JobQueue jobs;

  @Inject
  JobLog log;

  /**
   * Bound: when the last priority-10 job completes, at most 1,000 of the 5,000 priority-1 jobs have (those that
   * ran while the high ones were still being enqueued, plus one in every {@code 10 * 11} fetches that the
   * anti-starvation rotation gives to lower bands).
   */
  @Test
  void shouldRunHighPriorityJobsEnqueuedLaterFirst() {
    enqueue("low-", 5000, 1);
    enqueue("high-", 1000, 10);

    await().atMost(Duration.ofSeconds(120)).until(() -> completed("high-") == 1000);
    long lowDone = completed("low-");

    assertThat(lowDone).isLessThan(1000);
    await().atMost(Duration.ofSeconds(120)).until(() -> completed("low-") == 5000);
  }

  /** Bound: under a backlog of 3,000 priority-10 jobs, a priority-0 job starts before 1,500 of them have completed. */
  @Test
  void shouldNotStarveALowPriorityJob() {
    enqueue("flood-", 3000, 10);
    enqueue("lonely-", 1, 0);

    await().atMost(Duration.ofSeconds(120)).until(() -> completed("lonely-") == 1);
    long floodDone = completed("flood-");

    assertThat(floodDone).isLessThan(1500);
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

  private long completed(String idPrefix) {
    return this.log.completions(QUEUE).stream().filter(s -> s.jobId().startsWith(idPrefix)).count();
  }
}
