package dev.switchboard.send;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.error.ApiException;
import dev.switchboard.message.MessageStatusStore;
import dev.switchboard.queue.EnqueueResult;
import dev.switchboard.queue.JobOptions;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.QueueRegistry;
import dev.switchboard.send.IdempotencyStore.Claim;
import dev.switchboard.send.graph.GraphErrors;
import dev.switchboard.send.graph.GraphErrors.Verdict;
import dev.switchboard.support.Digests;
import dev.switchboard.support.Mask;
import dev.switchboard.tenant.Tenant;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The send API's work: resolve the sender number, honour the {@code Idempotency-Key}, then enqueue on
 * {@code whatsapp-send} (202 once Redis has the job) or, with the queue switched off, send at once (200 + wamid).
 */
@ApplicationScoped
public class SendService {

  private final JobQueue jobs;
  private final QueueRegistry registry;
  private final MessageStatusStore statuses;
  private final SendStatuses views;
  private final IdempotencyStore idempotency;
  private final SendModeFlag mode;
  private final MessageSender sender;
  private final SendMetrics metrics;
  private final ObjectMapper mapper;

  public SendService(JobQueue jobs, QueueRegistry registry, MessageStatusStore statuses, SendStatuses views, IdempotencyStore idempotency,
      SendModeFlag mode, MessageSender sender, SendMetrics metrics, ObjectMapper mapper) {
    this.jobs = jobs;
    this.registry = registry;
    this.statuses = statuses;
    this.views = views;
    this.idempotency = idempotency;
    this.mode = mode;
    this.sender = sender;
    this.metrics = metrics;
    this.mapper = mapper;
  }

  /** An answer and its HTTP status (202 queued, 200 duplicate or sent directly). */
  public record Outcome(int status, SendResponse response) {
  }

  public Uni<Outcome> submit(Tenant tenant, SendRequest request, String idempotencyKey) {
    requireSendable(tenant);
    SendJob job = new SendJob(tenant.id(), senderNumber(tenant, request.fromNumber()), request.to(), request.text(),
        request.previewUrl(), request.template(), request.conversationId(), System.currentTimeMillis());
    String jobId = this.registry.newJobId();
    if (idempotencyKey == null) {
      return this.mode.queueEnabled().chain(queued -> queued ? enqueue(tenant, job, jobId, request.priority(), true) : direct(tenant, job, jobId));
    }
    return this.idempotency.claim(tenant.id(), idempotencyKey, bodyHash(job, request.priority()), jobId).chain(claim -> replay(tenant, request, job, idempotencyKey, claim));
  }

  private Uni<Outcome> replay(Tenant tenant, SendRequest request, SendJob job, String key, Claim claim) {
    return switch (claim.outcome()) {
      case CONFLICT -> {
        this.metrics.apiRequest("conflict");
        yield Uni.createFrom().failure(new ApiException(409, "idempotency_conflict",
            "This Idempotency-Key was used within the last 24 h with a different body", Map.of("jobId", claim.jobId())));
      }
      case SAME_ENQUEUED -> duplicate(tenant, claim.jobId());
      case NEW, SAME_PENDING -> this.mode.queueEnabled().chain(queued -> {
        if (!queued) {
          return claim.outcome() == IdempotencyStore.Outcome.NEW
              ? direct(tenant, job, claim.jobId()).call(() -> this.idempotency.enqueued(tenant.id(), key))
                  .onFailure().call(() -> this.idempotency.release(tenant.id(), key, claim.jobId()))
              : Uni.createFrom().failure(new ApiException(409, "idempotency_in_progress",
                  "A request with this Idempotency-Key is still being processed", Map.of("jobId", claim.jobId())));
        }
        boolean fresh = claim.outcome() == IdempotencyStore.Outcome.NEW;
        Uni<Boolean> needsRecord = fresh ? Uni.createFrom().item(true) : this.statuses.find(claim.jobId()).map(found -> found.isEmpty());
        return needsRecord.chain(create -> enqueue(tenant, job, claim.jobId(), request.priority(), create))
            .call(() -> this.idempotency.enqueued(tenant.id(), key));
      });
    };
  }

  /**
   * Queues a message under a job id the caller derives from its own record (a booking reminder and its version), at
   * most once: a repeated call adds nothing, also after the first job ran and its queue record was trimmed, since the
   * message status record (kept 30 days) then says the message was already handled. Same path as the API: the
   * tenant's concurrency limit and the number's rate limit apply. Always queued, whatever the rollback switch says.
   *
   * @return true when this call queued the message, false when it had been queued before
   */
  public Uni<Boolean> enqueueOnce(Tenant tenant, SendRequest request, String jobId) {
    SendJob job = new SendJob(tenant.id(), senderNumber(tenant, request.fromNumber()), request.to(), request.text(),
        request.previewUrl(), request.template(), request.conversationId(), System.currentTimeMillis());
    return this.statuses.find(jobId).chain(found -> {
      if (found.isPresent() && !"queued".equals(found.get().status())) {
        return Uni.createFrom().item(false);
      }
      Uni<Void> record = found.isEmpty() ? this.statuses.created(jobId, tenant.id(), job.to()) : Uni.createFrom().voidItem();
      return record.chain(() -> this.jobs.enqueue(SendProcessor.QUEUE, job, options(tenant, jobId, request.priority())))
          .map(EnqueueResult::created);
    });
  }

  private static JobOptions options(Tenant tenant, String jobId, int priority) {
    return JobOptions.defaults().withJobId(jobId).withPriority(priority).withGroup(tenant.id()).withGroupLimit(tenant.maxConcurrency());
  }

  private Uni<Outcome> enqueue(Tenant tenant, SendJob job, String jobId, int priority, boolean createRecord) {
    // the status record first: the processor's "sent" must find it
    Uni<Void> record = createRecord ? this.statuses.created(jobId, tenant.id(), job.to()) : Uni.createFrom().voidItem();
    return record.chain(() -> this.jobs.enqueue(SendProcessor.QUEUE, job, options(tenant, jobId, priority)))
        .chain((EnqueueResult result) -> {
          if (result.created()) {
            this.metrics.apiRequest("accepted");
            Log.debugf("Send job %s queued for tenant %s to %s", jobId, tenant.id(), Mask.phone(job.to()));
            return Uni.createFrom().item(new Outcome(202, new SendResponse(jobId, "queued", null)));
          }
          return duplicate(tenant, jobId);
        });
  }

  private Uni<Outcome> duplicate(Tenant tenant, String jobId) {
    this.metrics.apiRequest("duplicate");
    return this.views.find(tenant, jobId).map(view -> new Outcome(200,
        view.map(v -> new SendResponse(jobId, v.status(), v.wamid())).orElse(new SendResponse(jobId, "queued", null))));
  }

  /** The rollback path: the Graph API call happens within the request (still rate limited per number). */
  private Uni<Outcome> direct(Tenant tenant, SendJob job, String jobId) {
    return this.statuses.created(jobId, tenant.id(), job.to())
        .chain(() -> this.sender.send(job, tenant, 1))
        .call(sent -> this.statuses.sent(jobId, sent.wamid(), sent.sentAtInstant()))
        .map(sent -> {
          this.metrics.apiRequest("sent");
          this.metrics.outcome("sent", null);
          return new Outcome(200, new SendResponse(jobId, "sent", sent.wamid()));
        })
        .onFailure(SendFailure.class).recoverWithUni(failure -> {
          Verdict verdict = ((SendFailure) failure).verdict();
          this.metrics.outcome("failed", verdict.metricCode());
          return this.statuses.failed(jobId, verdict.code(), verdict.title()).onFailure().recoverWithNull()
              .chain(() -> Uni.createFrom().failure(directError(jobId, verdict)));
        });
  }

  static ApiException directError(String jobId, Verdict verdict) {
    Map<String, Object> details = Map.of("jobId", jobId, "code", verdict.code(), "title", verdict.title());
    long retryMillis = verdict.retryAfter() == null ? 1000 : verdict.retryAfter().toMillis();
    if (verdict.tokenRejected()) {
      return new ApiException(502, "whatsapp_auth_failed", "The Graph API refused the tenant's access token", details);
    }
    if (!verdict.retry()) {
      return new ApiException(422, "whatsapp_rejected", "WhatsApp refused the message: " + verdict.title(), details);
    }
    boolean rate = switch (verdict.code()) {
      case "" + GraphErrors.THROUGHPUT, "" + GraphErrors.WABA_RATE, "" + GraphErrors.APP_RATE, "" + GraphErrors.PAIR_RATE, "http_429" -> true;
      default -> false;
    };
    return rate
        ? ApiException.retryAfter(429, "whatsapp_rate_limited", "WhatsApp rate limit reached; retry later", details, retryMillis)
        : ApiException.retryAfter(503, "whatsapp_unavailable", "The Graph API did not accept the message; retry later", details, retryMillis);
  }

  /** A tenant without a sender number or a Graph token cannot send: refused now (422) rather than a dead job later. */
  public static void requireSendable(Tenant tenant) {
    List<String> missing = new ArrayList<>();
    if (tenant.phoneNumberId().isEmpty()) {
      missing.add("phoneNumberId");
    }
    if (tenant.accessToken().isEmpty()) {
      missing.add("accessToken");
    }
    if (!missing.isEmpty()) {
      boolean noNumber = missing.contains("phoneNumberId");
      throw new ApiException(422, noNumber ? "no_sender_number" : "no_access_token", "Tenant " + tenant.id() + " cannot send: it has no "
          + String.join(" and no ", missing.stream().map(m -> m.equals("phoneNumberId") ? "WhatsApp phone-number id" : "Graph API access token")
              .toList()), Map.of("missing", missing));
    }
  }

  /** The sender number: the tenant's, which a request may name but not change. */
  static String senderNumber(Tenant tenant, String requested) {
    String own = tenant.phoneNumberId().orElseThrow(() -> new ApiException(422, "no_sender_number",
        "Tenant " + tenant.id() + " has no WhatsApp phone-number id configured"));
    if (requested != null && !requested.equals(own)) {
      throw new ApiException(403, "forbidden", "fromNumber is not a phone-number id of this tenant",
          Map.of("field", "fromNumber", "reason", "not a phone-number id of this tenant"));
    }
    return own;
  }

  private String bodyHash(SendJob job, int priority) {
    try {
      // what is sent, not how it was spelled: acceptedAt left out
      return Digests.sha256Hex(priority + " " + this.mapper.writeValueAsString(new SendJob(job.tenant(), job.phoneNumberId(), job.to(),
          job.text(), job.previewUrl(), job.template(), job.conversationId(), 0)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
