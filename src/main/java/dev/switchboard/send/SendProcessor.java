package dev.switchboard.send;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.switchboard.message.MessageStatusStore;
import dev.switchboard.queue.Job;
import dev.switchboard.queue.JobMetadata;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.PermanentJobFailure;
import dev.switchboard.queue.RetryJobLater;
import dev.switchboard.send.graph.GraphErrors.Verdict;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.tenant.TenantDirectory;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Runs {@code whatsapp-send} jobs: at most the tenant's max-concurrency in flight across replicas (the queue's group
 * limit), each send within its number's rate limit. The wamid is recorded on the job before it is acknowledged; an
 * attempt that finds one from an earlier attempt (the replica died between the send and the ack) completes
 * without sending again. Retryable errors retry after Retry-After, the documented pause or the queue's backoff;
 * permanent ones make the job dead at once, with the code.
 */
@ApplicationScoped
public class SendProcessor {

  public static final String QUEUE = "whatsapp-send";
  static final String CHANNEL = "whatsapp-send";

  private final MessageSender sender;
  private final JobQueue jobs;
  private final MessageStatusStore statuses;
  private final TenantDirectory tenants;
  private final SendMetrics metrics;

  public SendProcessor(MessageSender sender, JobQueue jobs, MessageStatusStore statuses, TenantDirectory tenants, SendMetrics metrics) {
    this.sender = sender;
    this.jobs = jobs;
    this.statuses = statuses;
    this.tenants = tenants;
    this.metrics = metrics;
  }

  @Incoming(CHANNEL)
  public Uni<Void> process(SendJob job, JobMetadata meta) {
    if (job == null) {
      return Uni.createFrom().voidItem(); // unreadable payload: the converter already sent the job to dead
    }
    Uni<Optional<SentMessage>> earlier = meta.attempt() == 1
        ? Uni.createFrom().item(Optional.empty())
        : this.jobs.find(meta.queue(), meta.jobId()).map(found -> found.map(Job::result).map(SentMessage::fromJson));
    return earlier.chain(sent -> sent.isPresent() ? alreadySent(meta, sent.get()) : send(job, meta));
  }

  private Uni<Void> alreadySent(JobMetadata meta, SentMessage sent) {
    Log.infof("Send job %s was sent by attempt %d before its replica stopped (wamid recorded); not sending again",
        meta.jobId(), meta.attempt() - 1);
    this.metrics.outcome("skipped", null);
    return this.statuses.sent(meta.jobId(), sent.wamid(), sent.sentAtInstant()).replaceWithVoid();
  }

  private Uni<Void> send(SendJob job, JobMetadata meta) {
    Optional<Tenant> tenant = this.tenants.byId(job.tenant());
    if (tenant.isEmpty()) {
      return this.statuses.failed(meta.jobId(), "unknown_tenant", "Tenant " + job.tenant() + " is not configured")
          .chain(() -> Uni.createFrom().failure(new PermanentJobFailure("tenant " + job.tenant() + " is not configured")));
    }
    return this.sender.send(job, tenant.get(), meta.attempt())
        // both before the ack, side by side: one round trip of latency instead of three per message
        .call(sent -> Uni.combine().all().unis(record(meta, sent), this.statuses.sent(meta.jobId(), sent.wamid(), sent.sentAtInstant()))
            .discardItems())
        .invoke(sent -> this.metrics.outcome("sent", null))
        .onFailure(SendFailure.class).recoverWithUni(failure -> failed(meta, ((SendFailure) failure).verdict(), failure))
        .replaceWithVoid();
  }

  private Uni<Boolean> record(JobMetadata meta, SentMessage sent) {
    return this.jobs.recordResult(meta, sent.toJson()).invoke(stored -> {
      if (!stored) {
        Log.warnf("Send job %s attempt %d: sent, but the job was handed to another consumer meanwhile", meta.jobId(), meta.attempt());
      }
    });
  }

  private Uni<SentMessage> failed(JobMetadata meta, Verdict verdict, Throwable failure) {
    boolean last = !verdict.retry() || meta.isLastAttempt();
    this.metrics.outcome(last ? "dead" : "retry", verdict.metricCode());
    String message = verdict.code() + " " + verdict.title();
    if (!last) {
      return Uni.createFrom().failure(new RetryJobLater(message, verdict.retryAfter()));
    }
    return this.statuses.failed(meta.jobId(), verdict.code(), verdict.title())
        .onFailure().recoverWithNull()
        .chain(() -> Uni.createFrom().failure(verdict.retry()
            ? new RetryJobLater(message, verdict.retryAfter()) // attempts used up: the queue makes it dead
            : new PermanentJobFailure(message, failure)));
  }
}
