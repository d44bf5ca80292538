package dev.switchboard.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.booking.ReminderStore.Outcome;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.queue.JobOptions;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.QueueAdmin;
import dev.switchboard.send.MessageView;
import dev.switchboard.send.SendJob;
import dev.switchboard.send.SendService;
import dev.switchboard.send.SendStatuses;
import dev.switchboard.tenant.Tenant;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The reminder API's work. Scheduling writes the reminder record first (the one pending reminder of its booking and
 * type), then its delayed job, whose id is the reminder's version: a repeated request finds the job already there,
 * and a request lost between the two steps is healed by its retry. A reschedule or a cancel removes the old delayed
 * job; should that removal not happen, the job finds its version stale when due and sends nothing.
 */
@ApplicationScoped
public class ReminderService {

  private final ReminderStore store;
  private final ReminderTemplates templates;
  private final JobQueue jobs;
  private final QueueAdmin admin;
  private final SendStatuses sends;
  private final Duration retention;

  public ReminderService(ReminderStore store, ReminderTemplates templates, JobQueue jobs, QueueAdmin admin, SendStatuses sends,
      SwitchboardConfig config) {
    this.store = store;
    this.templates = templates;
    this.jobs = jobs;
    this.admin = admin;
    this.sends = sends;
    this.retention = config.reminders().retention();
  }

  /** What a schedule request did ({@code created}, {@code rescheduled}, {@code updated}, {@code unchanged}) and the reminder. */
  public record Scheduled(String outcome, ReminderView reminder) {

    public boolean isNew() {
      return "created".equals(this.outcome) || "rescheduled".equals(this.outcome);
    }
  }

  /** A booking's reminders. */
  public record Listing(String bookingId, List<ReminderView> reminders) {
  }

  /** What a cancel did: how many pending reminders it cancelled, and the booking's reminders afterwards. */
  public record Cancelled(String bookingId, int cancelled, List<ReminderView> reminders) {
  }

  public Uni<Scheduled> schedule(Tenant tenant, ReminderRequest request) {
    SendService.requireSendable(tenant); // 422 now, not a dead send when the reminder is due
    Instant now = Instant.now();
    Instant last = request.sendAt().isAfter(request.serviceDate().toInstant()) ? request.sendAt() : request.serviceDate().toInstant();
    return this.store.schedule(tenant.id(), request, now, last.plus(this.retention)).chain(scheduled -> {
      ReminderJob job = new ReminderJob(tenant.id(), request.bookingId(), request.reminderType(), scheduled.version());
      JobOptions options = JobOptions.defaults().withJobId(job.jobId()).withDueAt(request.sendAt());
      return this.jobs.enqueue(ReminderJob.QUEUE, job, options)
          .call(() -> scheduled.previousVersion()
              .map(previous -> removeJob(new ReminderJob(tenant.id(), request.bookingId(), request.reminderType(), previous)))
              .orElse(Uni.createFrom().voidItem()))
          .invoke(() -> {
            if (scheduled.outcome() != Outcome.UNCHANGED) {
              Log.debugf("Reminder %s %s for tenant %s: %s, due %s", request.bookingId(), request.reminderType().wireName(), tenant.id(),
                  scheduled.outcome(), request.sendAt());
            }
          })
          .chain(() -> this.store.find(tenant.id(), request.bookingId(), request.reminderType()))
          .chain(found -> view(tenant, found.orElseThrow()))
          .map(view -> new Scheduled(scheduled.outcome().name().toLowerCase(java.util.Locale.ROOT), view));
    });
  }

  public Uni<Listing> list(Tenant tenant, String bookingId) {
    return views(tenant, bookingId).map(views -> new Listing(bookingId, views));
  }

  /** Cancels the booking's pending reminders, of one type or of all; sent ones stay as they are. */
  public Uni<Cancelled> cancel(Tenant tenant, String bookingId, Optional<ReminderType> only) {
    List<ReminderType> types = only.map(List::of).orElse(Arrays.asList(ReminderType.values()));
    String now = Long.toString(System.currentTimeMillis());
    List<Uni<Boolean>> cancels = types.stream().map(type -> this.store
        .transition(tenant.id(), bookingId, type, null, List.of(ReminderState.PENDING), ReminderState.CANCELLED, "cancelledAt", now)
        .call(result -> result.moved() ? removeJob(new ReminderJob(tenant.id(), bookingId, type, result.version())) : Uni.createFrom().voidItem())
        .map(ReminderStore.Transition::moved)).toList();
    return Uni.join().all(cancels).andFailFast()
        .chain(moved -> views(tenant, bookingId).map(views -> new Cancelled(bookingId, (int) moved.stream().filter(m -> m).count(), views)))
        .invoke(result -> Log.debugf("Reminders of booking %s for tenant %s: %d cancelled", bookingId, tenant.id(), result.cancelled()));
  }

  /** Best effort: a job that stays behind is a no-op when due (stale version or not pending). */
  private Uni<Void> removeJob(ReminderJob stale) {
    return this.admin.remove(ReminderJob.QUEUE, stale.jobId())
        .invoke(outcome -> Log.debugf("Stale reminder job %s: %s", stale.jobId(), outcome))
        .onFailure().recoverWithNull()
        .replaceWithVoid();
  }

  private Uni<List<ReminderView>> views(Tenant tenant, String bookingId) {
    return this.store.findAll(tenant.id(), bookingId).chain(reminders -> {
      if (reminders.isEmpty()) {
        return Uni.createFrom().item(List.<ReminderView>of());
      }
      return Uni.join().all(reminders.stream().map(reminder -> view(tenant, reminder)).toList()).andFailFast();
    });
  }

  private Uni<ReminderView> view(Tenant tenant, Reminder reminder) {
    Uni<Optional<MessageView>> message = reminder.sendJobId() == null
        ? Uni.createFrom().item(Optional.empty())
        : this.sends.find(tenant, reminder.sendJobId());
    SendJob.Template template = this.templates.name(reminder);
    return message.map(status -> new ReminderView(reminder.bookingId(), reminder.type(), reminder.state(), reminder.sendAt(),
        reminder.serviceDate(), reminder.serviceName(), reminder.customerPhone(),
        new ReminderView.TemplateName(template.name(), template.language()), reminder.version(),
        ReminderJob.jobId(tenant.id(), reminder.bookingId(), reminder.type(), reminder.version()), reminder.sendJobId(),
        status.map(MessageView::status).orElse(null), reminder.scheduledAt(), reminder.sentAt(), reminder.cancelledAt(), reminder.error()));
  }
}
