package dev.switchboard.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.RedisTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * test-stall: visibility timeout 1s, 3 attempts. A second OS process takes jobs like a replica does, then is
 * killed with SIGKILL or outlives its lease; this replica must reclaim, finish, and fence.
 */
@QuarkusTest
class StalledJobTest {

  static final String QUEUE = "test-stall";

  @Inject
  JobQueue jobs;

  @Inject
  QueueAdmin admin;

  @Inject
  QueueRegistry registry;

  @Inject
  JobLog log;

  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void killProcesses() {
    this.processes.forEach(Process::destroyForcibly);
  }

  @Test
  void shouldReclaimAndCompleteTheJobOfAKilledConsumer() throws IOException {
    this.admin.pause(QUEUE).await().indefinitely(); // so the other process, not this replica, takes the job first
    this.jobs.enqueue(QUEUE, TestWork.of(1), JobOptions.defaults().withJobId("orphan")).await().indefinitely();
    Consumer other = start("other-replica");

    List<String> taken = other.fetch(QUEUE, 1);
    assertThat(taken).singleElement().asString().startsWith("orphan 1 ");
    other.process.destroyForcibly(); // kill -9 mid-job
    this.admin.resume(QUEUE).await().indefinitely();

    await().atMost(Duration.ofSeconds(15)).until(() -> this.log.completionsOf(QUEUE, "orphan") == 1);
    assertThat(this.log.startsOf(QUEUE, "orphan")).extracting(JobLog.Start::attempt).containsExactly(2);
    Job job = this.jobs.find(QUEUE, "orphan").await().indefinitely().orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.COMPLETED);
    assertThat(job.attempts()).isEqualTo(2);
  }

  @Test
  void shouldRefuseTheLateCompletionOfAConsumerWhoseJobWasTakenOver() throws IOException {
    this.admin.pause(QUEUE).await().indefinitely();
    this.jobs.enqueue(QUEUE, TestWork.of(2), JobOptions.defaults().withJobId("contested")).await().indefinitely();
    Consumer slow = start("slow-replica");
    List<String> taken = slow.fetch(QUEUE, 1);
    assertThat(taken).singleElement().asString().startsWith("contested 1 ");
    this.admin.resume(QUEUE).await().indefinitely();

    // alive but silent past the visibility timeout: this replica takes the job over and finishes it
    await().atMost(Duration.ofSeconds(15)).until(() -> this.log.completionsOf(QUEUE, "contested") == 1);

    String[] delivery = taken.get(0).split(" "); // id, attempt, entry, priority
    assertThat(slow.complete(QUEUE, "contested", 1, delivery[2], delivery[3])).isEqualTo("COMPLETED 0");
    assertThat(this.log.startsOf(QUEUE, "contested")).extracting(JobLog.Start::attempt).containsExactly(2);
  }

  @Test
  void shouldKeepALongJobWhoseConsumerIsAlive() {
    // three visibility timeouts of work: the lease is extended, so no other consumer ever gets it
    this.jobs.enqueue(QUEUE, TestWork.working(3, 3000), JobOptions.defaults().withJobId("marathon")).await().indefinitely();

    await().atMost(Duration.ofSeconds(15)).until(() -> this.log.completionsOf(QUEUE, "marathon") == 1);

    assertThat(this.log.startsOf(QUEUE, "marathon")).extracting(JobLog.Start::attempt).containsExactly(1);
  }

  @Test
  void shouldBuryAJobThatStallsOnItsLastAttempt() throws IOException {
    // three consumers die holding it, one after the other: with its 3 attempts used up it goes dead, never loops
    this.admin.pause(QUEUE).await().indefinitely();
    this.jobs.enqueue(QUEUE, TestWork.of(4), JobOptions.defaults().withJobId("cursed")).await().indefinitely();
    Consumer first = start("doomed-1");
    assertThat(first.fetch(QUEUE, 1)).singleElement().asString().startsWith("cursed 1 ");
    first.process.destroyForcibly();
    for (int attempt = 2; attempt <= 3; attempt++) {
      Consumer next = start("doomed-" + attempt);
      String expected = "cursed " + attempt + " ";
      // the job becomes reclaimable once its holder has been silent for the visibility timeout
      await().atMost(Duration.ofSeconds(10)).until(() -> next.reclaim(QUEUE, 1000, 1).stream().anyMatch(j -> j.startsWith(expected)));
      next.process.destroyForcibly();
    }
    this.admin.resume(QUEUE).await().indefinitely();

    await().atMost(Duration.ofSeconds(15)).until(() -> this.jobs.find(QUEUE, "cursed").await().indefinitely()
        .map(Job::state).orElse(null) == JobState.DEAD);
    Job job = this.jobs.find(QUEUE, "cursed").await().indefinitely().orElseThrow();
    assertThat(job.lastErrorClass()).isEqualTo("stalled");
    assertThat(job.attempts()).isEqualTo(3);
    assertThat(this.log.startsOf(QUEUE, "cursed")).isEmpty();
  }

  /** The Redis the other process talks to for {@code queue}: the run's one Redis; on a cluster, the master of the queue's slot. */
  protected int redisPortOf(String queue) {
    return RedisTestResource.server().port();
  }

  private Consumer start(String name) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StallingConsumer.class.getName(),
        Integer.toString(redisPortOf(QUEUE)), name, this.registry.prefix())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    this.processes.add(process);
    Consumer consumer = new Consumer(process);
    assertThat(consumer.output.readLine()).isEqualTo("READY");
    return consumer;
  }

  private static final class Consumer {
    final Process process;
    final BufferedReader output;
    final PrintWriter input;

    Consumer(Process process) {
      this.process = process;
      this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.input = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    List<String> fetch(String queue, int count) throws IOException {
      this.input.println("fetch " + queue + " " + count);
      return readJobs();
    }

    private List<String> readJobs() throws IOException {
      List<String> jobs = new ArrayList<>();
      String line;
      while (!(line = this.output.readLine()).equals("FETCHED")) {
        jobs.add(line.substring("JOB ".length()));
      }
      return jobs;
    }

    List<String> reclaim(String queue, long minIdleMillis, int count) throws IOException {
      this.input.println("reclaim " + queue + " " + minIdleMillis + " " + count);
      return readJobs();
    }

    String complete(String queue, String id, int token, String entry, String priority) throws IOException {
      this.input.println("complete " + queue + " " + id + " " + token + " " + entry + " " + priority);
      return this.output.readLine();
    }
  }
}
