package dev.switchboard.booking;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.switchboard.error.ApiException;
import dev.switchboard.queue.JobOptions;
import dev.switchboard.queue.PermanentJobFailure;
import dev.switchboard.queue.connector.JobMetadata;
import dev.switchboard.send.SendRequest;
import dev.switchboard.send.SendService;
import dev.switchboard.support.Mask;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.tenant.TenantDirectory;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Runs due {@code booking:reminder} jobs. A reminder is sent at most once, in three steps that each survive a crash:
 * <ol>
 * <li>claim: {@code pending → sending}, only if the job's version is still the reminder's (a cancelled or
 * rescheduled reminder's old job stops here). A reclaimed job finds {@code sending} of its own version and goes on.</li>
 * <li>queue the template message on {@code whatsapp-send} under a job id derived from the reminder and its version,
 * through the send API's path (the tenant's concurrency, the number's rate limit): a second attempt finds that job
 * (or its status record) and queues nothing.</li>
 * <li>{@code sending → sent}, with the send job's id.</li>
 * </ol>
 */
@ApplicationScoped
public class ReminderProcessor {

  static final String CHANNEL = "booking-reminder";
  private static final List<ReminderState> CLAIMABLE = List.of(ReminderState.PENDING, ReminderState.SENDING);

  private final ReminderStore store;
  private final ReminderTemplates templates;
  private final SendService sends;
  private final TenantDirectory tenants;

  public ReminderProcessor(ReminderStore store, ReminderTemplates templates, SendService sends, TenantDirectory tenants) {
    this.store = store;
    this.templates = templates;
    this.sends = sends;
    this.tenants = tenants;
  }

  @Incoming(CHANNEL)
  public Uni<Void> process(ReminderJob job, JobMetadata meta) {
    if (job == null) {
      return Uni.createFrom().voidItem(); // unreadable payload: the converter already sent the job to dead
    }
    return this.store.transition(job.tenant(), job.bookingId(), job.type(), job.version(), CLAIMABLE, ReminderState.SENDING,
        "sendJobId", job.sendJobId())
        .chain(claim -> {
          if (!claim.moved()) {
            Log.debugf("Reminder job %s: nothing to send (reminder %s, version %d)", job.jobId(),
                claim.before().map(ReminderState::wireName).orElse("gone"), claim.version());
            return Uni.createFrom().voidItem();
          }
          if (claim.before().orElse(null) == ReminderState.SENDING) {
            Log.infof("Reminder job %s attempt %d: resuming a send an earlier attempt began", job.jobId(), meta.attempt());
          }
          return send(job);
        });
  }

  private Uni<Void> send(ReminderJob job) {
    Optional<Tenant> tenant = this.tenants.byId(job.tenant());
    if (tenant.isEmpty()) {
      return failed(job, "tenant " + job.tenant() + " is not configured");
    }
    return this.store.find(job.tenant(), job.bookingId(), job.type()).chain(found -> {
      if (found.isEmpty()) {
        return Uni.createFrom().voidItem(); // expired meanwhile
      }
      Reminder reminder = found.get();
      SendRequest request = new SendRequest(reminder.customerPhone(), null, null, this.templates.resolve(reminder),
          JobOptions.DEFAULT_PRIORITY, "booking:" + reminder.bookingId(), null);
      return this.sends.enqueueOnce(tenant.get(), request, job.sendJobId())
          .call(queued -> this.store.transition(job.tenant(), job.bookingId(), job.type(), job.version(), List.of(ReminderState.SENDING),
              ReminderState.SENT, "sentAt", Long.toString(System.currentTimeMillis())))
          .invoke(queued -> Log.debugf("Reminder %s sent to %s as send job %s%s", job.jobId(), Mask.phone(reminder.customerPhone()),
              job.sendJobId(), queued ? "" : " (queued by an earlier attempt)"))
          .replaceWithVoid();
    }).onFailure(ApiException.class).recoverWithUni(failure -> failed(job, failure.getMessage()));
  }

  /** Cannot be sent, now or later: the reminder says why, and the job is dead at once. */
  private Uni<Void> failed(ReminderJob job, String reason) {
    Log.warnf("Reminder job %s cannot be sent: %s", job.jobId(), reason);
    return this.store.transition(job.tenant(), job.bookingId(), job.type(), job.version(), CLAIMABLE, ReminderState.FAILED,
        "error", reason, "failedAt", Long.toString(System.currentTimeMillis()))
        .chain(() -> Uni.createFrom().failure(new PermanentJobFailure(reason)));
  }
}
