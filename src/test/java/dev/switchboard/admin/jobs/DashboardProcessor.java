package dev.switchboard.admin.jobs;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.switchboard.queue.JobMetadata;
import dev.switchboard.queue.JobQueue;
import io.smallrye.mutiny.Uni;

/** Runs the test-dashboard queue: records the wamid, then fails as the payload says. */
@ApplicationScoped
public class DashboardProcessor {

  private final JobQueue jobs;

  public DashboardProcessor(JobQueue jobs) {
    this.jobs = jobs;
  }

  @Incoming("test-dashboard")
  Uni<Void> run(DashboardWork work, JobMetadata job) {
    Uni<Boolean> recorded = work.wamid() == null ? Uni.createFrom().item(true) : this.jobs.recordResult(job, work.wamid());
    return recorded.chain(ignored -> job.attempt() <= work.failTimes()
        ? Uni.createFrom().failure(new IllegalStateException("Graph API refused attempt " + job.attempt()))
        : Uni.createFrom().voidItem());
  }
}
