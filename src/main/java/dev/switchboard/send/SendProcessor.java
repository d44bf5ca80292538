package dev.switchboard.send;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.message.MessageStatusStore;
import dev.switchboard.queue.Job;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.PermanentJobFailure;
import dev.switchboard.queue.RetryJobLater;
import dev.switchboard.queue.connector.JobMetadata;
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
 * permanent ones make the job dead at once, with the code. A job of a disabled or deleted tenant waits or goes dead
 * as the tenant's {@link Tenant.QueuedSends} says, checked when a worker reaches it.
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
  private final Event<SendStarted> started;
  private final HeldSends held;
  private final ObjectMapper mapper;
  private final Duration holdRetry;

  public SendProcessor(MessageSender sender, JobQueue jobs, MessageStatusStore statuses, TenantDirectory tenants, SendMetrics metrics,
      Event<SendStarted> started, HeldSends held, ObjectMapper mapper, SwitchboardConfig config) {
    this.sender = sender;
    this.jobs = jobs;
    this.statuses = statuses;
    this.tenants = tenants;
    this.metrics = metrics;
    this.started = started;
    this.held = held;
    this.mapper = mapper;
    this.holdRetry = config.tenantRegistry().holdRetry();
  }

  @Incoming(CHANNEL)
  public Uni<Void> process(SendJob job, JobMetadata meta) {
    if (job == null) {
      return Uni.createFrom().voidItem(); // unreadable payload: the converter already sent the job to dead
    }
    this.started.fire(new SendStarted(meta.jobId(), job.tenant(), meta.attempt()));
    Uni<Optional<SentMessage>> earlier = meta.attempt() == 1
        ? Uni.createFrom().item(Optional.empty())
        : this.jobs.find(meta.queue(), meta.jobId()).map(found -> found.map(Job::result).map(SentMessage::fromJson));
    return earlier.chain(sent -> sent.isPresent() ? alreadySent(meta, sent.get()) : dispatch(job, meta));
  }

  private Uni<Void> alreadySent(JobMetadata meta, SentMessage sent) {
    Log.infof("Send job %s was sent by attempt %d before its replica stopped (wamid recorded); not sending again",
        meta.jobId(), meta.attempt() - 1);
    this.metrics.outcome("skipped", null);
    return this.statuses.sent(meta.jobId(), sent.wamid(), sent.sentAtInstant()).replaceWithVoid();
  }

  /** What the tenant's state says: send, hold (disabled, waiting) or dead (disabled or deleted, dead chosen). */
  private Uni<Void> dispatch(SendJob job, JobMetadata meta) {
    Optional<Tenant> tenant = this.tenants.byId(job.tenant());
    if (tenant.isEmpty()) {
      return dead(meta, "unknown_tenant", "Tenant " + job.tenant() + " is not configured");
    }
    return switch (tenant.get().queuedSends()) {
      case SEND -> send(job, meta, tenant.get());
      case HOLD -> hold(job, meta);
      case DEAD -> tenant.get().state() == Tenant.State.DELETED
          ? dead(meta, "tenant_deleted", "Tenant " + job.tenant() + " was deleted; its queued sends go dead")
          : dead(meta, "tenant_disabled", "Tenant " + job.tenant() + " is disabled; its queued sends go dead");
    };
  }

  /**
   * A disabled tenant's send waits: remembered with its payload (enabling the tenant puts it back in line at once), and
   * its job tries again after {@code hold-retry}. Each wait is one attempt: a send still held on its last one goes dead.
   */
  private Uni<Void> hold(SendJob job, JobMetadata meta) {
    if (meta.isLastAttempt()) {
      return this.held.claim(job.tenant(), meta.jobId(), 0).chain(claimed -> this.held.released(meta.jobId()))
          .chain(() -> dead(meta, "tenant_disabled", "Tenant " + job.tenant() + " stayed disabled for all of the send's attempts"));
    }
    this.metrics.outcome("held", null);
    return this.held.hold(job.tenant(), meta.jobId(), meta.priority(), json(job))
        .chain(() -> Uni.createFrom().failure(new RetryJobLater(HeldSends.MARKER + " while tenant " + job.tenant() + " is disabled",
            this.holdRetry)));
  }

  private Uni<Void> dead(JobMetadata meta, String code, String reason) {
    this.metrics.outcome("dead", code);
    return this.statuses.failed(meta.jobId(), code, reason)
        .chain(() -> Uni.createFrom().failure(new PermanentJobFailure(code + ": " + reason)));
  }

  private String json(SendJob job) {
    try {
      return this.mapper.writeValueAsString(job);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Uni<Void> send(SendJob job, JobMetadata meta, Tenant tenant) {
    return this.sender.send(job, tenant, meta.attempt())
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
