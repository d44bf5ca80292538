package dev.switchboard.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** test-group: two consumers (channels test-group-a and -b, 10 in flight each) with group-concurrency 5. */
@QuarkusTest
class GroupConcurrencyTest {

  static final String QUEUE = "test-group";

  @Inject
  JobQueue jobs;

  @Inject
  JobLog log;

  @Test
  void shouldNeverRunMoreThanFiveJobsOfOneTenantAtOnce() {
    enqueue("busy", 50, 30, 5, "busy-");

    await().atMost(Duration.ofSeconds(30)).until(() -> completed("busy-") == 50);

    assertThat(this.log.maxActive(QUEUE, "busy")).isEqualTo(5);
    // both consumers took part
    assertThat(this.log.starts(QUEUE).stream().filter(s -> s.jobId().startsWith("busy-")).map(JobLog.Start::sequence)).hasSize(50);
  }

  @Test
  void shouldFinishTenTenantsOfTenJobs() {
    for (int tenant = 0; tenant < 10; tenant++) {
      enqueue("t" + tenant, 10, 5, 5, "ten-t" + tenant + "-");
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> completed("ten-") == 100);

    for (int tenant = 0; tenant < 10; tenant++) {
      assertThat(this.log.maxActive(QUEUE, "t" + tenant)).isBetween(1, 5);
    }
  }

  /**
   * No head-of-line blocking: a tenant with 1,000 queued jobs does not hold back another tenant's 10. Bound:
   * the small tenant finishes before the big one has completed 100 of its jobs (it needs ~2 rounds of its own 5
   * slots; the big tenant completes about 5 jobs per 20 ms round meanwhile).
   */
  @Test
  void shouldNotLetABusyTenantDelayAnother() {
    enqueue("whale", 1000, 20, 5, "whale-");
    enqueue("minnow", 10, 20, 5, "minnow-");

    await().atMost(Duration.ofSeconds(30)).until(() -> completed("minnow-") == 10);
    long whaleDone = completed("whale-");

    assertThat(whaleDone).isLessThan(100);
    await().atMost(Duration.ofSeconds(60)).until(() -> completed("whale-") == 1000);
    assertThat(this.log.maxActive(QUEUE, "whale")).isLessThanOrEqualTo(5);
  }

  /**
   * test-fifo: one consumer, 10 in flight, 5 per tenant. A job starts when it becomes active in Redis, which
   * happens in enqueue order; one consumer hands its jobs to the processor in that order. (Consumers on two
   * replicas may begin two consecutive jobs a few microseconds apart in either order.)
   */
  @Test
  void shouldStartJobsOfOneTenantAndPriorityInEnqueueOrder() {
    for (int n = 0; n < 20; n++) {
      // one call each, in order, so enqueue order is unambiguous
      this.jobs.enqueue("test-fifo", TestWork.working(n, 5), JobOptions.defaults().withJobId("fifo-" + n).withGroup("fifo"))
          .await().indefinitely();
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> this.log.completions("test-fifo").size() == 20);

    assertThat(this.log.maxActive("test-fifo", "fifo")).isLessThanOrEqualTo(5);
    List<Integer> startOrder = this.log.starts("test-fifo").stream().filter(s -> s.jobId().startsWith("fifo-"))
        .sorted((a, b) -> Long.compare(a.sequence(), b.sequence())).map(JobLog.Start::n).toList();
    List<Integer> expected = new ArrayList<>();
    for (int n = 0; n < 20; n++) {
      expected.add(n);
    }
    assertThat(startOrder).isEqualTo(expected);
  }

  private void enqueue(String tenant, int count, long workMillis, int priority, String idPrefix) {
    List<NewJob> batch = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      batch.add(new NewJob(TestWork.working(n, workMillis),
          JobOptions.defaults().withJobId(idPrefix + n).withGroup(tenant).withPriority(priority)));
    }
    this.jobs.enqueueAll(QUEUE, batch).await().atMost(Duration.ofSeconds(10));
  }

  private long completed(String idPrefix) {
    return this.log.completions(QUEUE).stream().filter(s -> s.jobId().startsWith(idPrefix)).count();
  }
}
