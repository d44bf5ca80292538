package dev.switchboard.webhook.processing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.switchboard.conversation.ConversationStore;
import dev.switchboard.queue.EnqueueResult;
import dev.switchboard.queue.JobMetadata;
import dev.switchboard.queue.JobOptions;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.NewJob;
import dev.switchboard.queue.PermanentJobFailure;
import dev.switchboard.support.Mask;
import dev.switchboard.support.Sanitize;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.tenant.TenantDirectory;
import dev.switchboard.webhook.WebhookMetrics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Processes one queued delivery: each change goes to the tenant owning its phone-number id, each message into its
 * customer's conversation (redeliveries dropped by message id), each status onto {@code whatsapp:message-status}.
 * Items that cannot be used are skipped and counted; the rest of the delivery is processed. A failure (Redis)
 * retries the whole delivery, which is safe: stored messages are dropped as duplicates, status jobs have fixed ids.
 */
@ApplicationScoped
public class WebhookProcessor {

  static final String CHANNEL = "whatsapp-webhook";
  private static final int MAX_LOGGED_UNKNOWN = 100;

  private final ConversationStore conversations;
  private final JobQueue jobs;
  private final TenantDirectory tenants;
  private final WebhookMetrics metrics;
  private final Set<String> loggedUnknown = ConcurrentHashMap.newKeySet();

  public WebhookProcessor(ConversationStore conversations, JobQueue jobs, TenantDirectory tenants, WebhookMetrics metrics) {
    this.conversations = conversations;
    this.jobs = jobs;
    this.tenants = tenants;
    this.metrics = metrics;
  }

  @Incoming(CHANNEL)
  public Uni<Void> process(String payload, JobMetadata job) {
    WebhookDelivery delivery;
    try {
      delivery = WebhookParser.parse(payload);
    } catch (WebhookParser.UnreadableDelivery e) {
      return Uni.createFrom().failure(new PermanentJobFailure(e.getMessage()));
    }
    delivery.skipped().forEach(this.metrics::skipped);
    Instant receivedAt = job.createdAt() != null ? job.createdAt() : Instant.now();
    List<Stored> messages = new ArrayList<>();
    List<NewJob> statuses = new ArrayList<>();
    List<String> statusNames = new ArrayList<>();
    for (WebhookDelivery.Change change : delivery.changes()) {
      String tenant = tenantOf(change.phoneNumberId());
      change.errors().forEach(error -> {
        this.metrics.error("value");
        Log.warnf("Meta reported error %s (%s) for tenant %s: %s", error.code(), Sanitize.text(error.title(), 200), tenant,
            Sanitize.text(error.details(), 500));
      });
      change.messages().forEach(message -> messages.add(new Stored(tenant, message)));
      for (WebhookDelivery.Status status : change.statuses()) {
        if (!WebhookMetrics.STATUSES.contains(status.status()) || "unknown".equals(status.status())) {
          this.metrics.status("unknown");
          this.metrics.skipped("unknown_status");
          continue;
        }
        if (status.error() != null) {
          this.metrics.error("status");
        }
        Instant at = status.at() != null ? status.at() : receivedAt;
        statuses.add(new NewJob(new StatusJob(tenant, status.wamid(), status.status(), at.toEpochMilli(), status.recipientId(),
            status.error() == null || status.error().code() == null ? null : status.error().code().toString(),
            status.error() == null ? null : status.error().title()),
            JobOptions.defaults().withJobId(StatusJob.jobId(status.wamid(), status.status()))));
        statusNames.add(status.status());
      }
    }
    return Multi.createFrom().iterable(messages)
        .onItem().transformToUniAndConcatenate(stored -> store(stored, receivedAt))
        .collect().last()
        .chain(() -> statuses.isEmpty() ? Uni.createFrom().voidItem() : enqueueStatuses(statuses, statusNames))
        .invoke(() -> Log.debugf("Delivery %s processed: %d message(s), %d status(es), %d item(s) skipped", job.jobId(),
            messages.size(), statuses.size(), delivery.skipped().size()));
  }

  private Uni<Void> store(Stored stored, Instant receivedAt) {
    InboundMessage message = stored.message();
    if (!message.errors().isEmpty()) {
      this.metrics.error("message");
    }
    return this.conversations.append(stored.tenant(), message, receivedAt).invoke(isNew -> {
      if (isNew) {
        this.metrics.message(message.type());
        Log.debugf("Stored %s message from %s for tenant %s", message.type(), Mask.phone(message.user()), stored.tenant());
      } else {
        this.metrics.duplicate();
        Log.debugf("Dropped a redelivered %s message for tenant %s", message.type(), stored.tenant());
      }
    }).replaceWithVoid();
  }

  private Uni<Void> enqueueStatuses(List<NewJob> statuses, List<String> names) {
    return this.jobs.enqueueAll(StatusJob.QUEUE, statuses).invoke(results -> {
      for (int i = 0; i < results.size(); i++) {
        EnqueueResult result = results.get(i);
        if (result.created()) {
          this.metrics.status(names.get(i));
        }
      }
    }).replaceWithVoid();
  }

  private String tenantOf(String phoneNumberId) {
    if (phoneNumberId != null) {
      var tenant = this.tenants.byPhoneNumberId(phoneNumberId);
      if (tenant.isPresent()) {
        return tenant.get().id();
      }
    }
    this.metrics.unknownTenant();
    String shown = Sanitize.id(phoneNumberId); // from the payload: no forged log lines, no unbounded ids
    if (this.loggedUnknown.size() < MAX_LOGGED_UNKNOWN && this.loggedUnknown.add(shown)) {
      Log.warnf("Webhook change for phone-number id %s, which no tenant owns: processed under tenant '%s'", shown, Tenant.UNKNOWN_ID);
    }
    return Tenant.UNKNOWN_ID;
  }

  private record Stored(String tenant, InboundMessage message) {
  }
}
