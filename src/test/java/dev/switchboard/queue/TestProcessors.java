package dev.switchboard.queue;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

/** Processors of the test queues (configured in src/test/resources/META-INF/microprofile-config.properties); they do what the payload says. */
@ApplicationScoped
public class TestProcessors {

  private final JobLog log;

  public TestProcessors(JobLog log) {
    this.log = log;
  }

  @Incoming("test-basic")
  Uni<Void> basic(TestWork work, JobMetadata job) {
    return this.log.run(work, job);
  }

  @Incoming("test-retry")
  Uni<Void> retry(TestWork work, JobMetadata job) {
    return this.log.run(work, job);
  }

  @Incoming("test-group-a")
  Uni<Void> groupA(TestWork work, JobMetadata job) {
    return this.log.run(work, job);
  }

  @Incoming("test-group-b")
  Uni<Void> groupB(TestWork work, JobMetadata job) {
    return this.log.run(work, job);
  }

  @Incoming("test-fifo")
  Uni<Void> fifo(TestWork work, JobMetadata job) {
    return this.log.run(work, job);
  }

  @Incoming("test-priority")
  Uni<Void> priority(TestWork work, JobMetadata job) {
    return this.log.run(work, job);
  }

  @Incoming("test-pause-a")
  Uni<Void> pauseA(TestWork work, JobMetadata job) {
    return this.log.run(work, job);
  }

  @Incoming("test-pause-b")
  Uni<Void> pauseB(TestWork work, JobMetadata job) {
    return this.log.run(work, job);
  }

  @Incoming("test-stall")
  Uni<Void> stall(TestWork work, JobMetadata job) {
    return this.log.run(work, job);
  }

  @Incoming("test-restart")
  Uni<Void> restart(TestWork work, JobMetadata job) {
    return this.log.run(work, job);
  }

  @Incoming("test-delayed")
  Uni<Void> delayed(TestWork work, JobMetadata job) {
    return this.log.run(work, job);
  }

  @Incoming("test-timeout")
  Uni<Void> timeout(TestWork work, JobMetadata job) {
    return this.log.run(work, job);
  }

  @Incoming("test-admin")
  Uni<Void> admin(TestWork work, JobMetadata job) {
    return this.log.run(work, job);
  }

  @Incoming("test-health")
  Uni<Void> health(TestWork work, JobMetadata job) {
    return this.log.run(work, job);
  }

  @Incoming("test-dead-letter")
  Uni<Void> deadLetter(TestWork work, JobMetadata job) {
    return this.log.run(work, job);
  }

  @Incoming("test-fail-stop")
  Uni<Void> failStop(TestWork work, JobMetadata job) {
    return this.log.run(work, job);
  }
}
