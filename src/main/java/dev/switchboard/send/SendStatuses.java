package dev.switchboard.send;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.message.MessageStatus;
import dev.switchboard.message.MessageStatusStore;
import dev.switchboard.queue.Job;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.JobState;
import dev.switchboard.tenant.Tenant;
import io.smallrye.mutiny.Uni;

/**
 * Where a send job stands, from its queue job (queued, active, dead, attempts) and its message status record (sent
 * with the wamid, then delivered / read / failed as Meta reports). Only the tenant that sent it can see it.
 */
@ApplicationScoped
public class SendStatuses {

  private static final int MAX_ID_LENGTH = 200;

  private final JobQueue jobs;
  private final MessageStatusStore statuses;

  public SendStatuses(JobQueue jobs, MessageStatusStore statuses) {
    this.jobs = jobs;
    this.statuses = statuses;
  }

  /** The job's view, or empty when it does not exist or belongs to another tenant (the two look the same). */
  public Uni<Optional<MessageView>> find(Tenant tenant, String jobId) {
    if (jobId == null || jobId.isBlank() || jobId.length() > MAX_ID_LENGTH) {
      return Uni.createFrom().item(Optional.empty());
    }
    return Uni.combine().all().unis(this.jobs.find(SendProcessor.QUEUE, jobId), this.statuses.find(jobId)).asTuple()
        .map(found -> {
          Job job = found.getItem1().orElse(null);
          MessageStatus status = found.getItem2().orElse(null);
          String owner = status != null && status.tenant() != null ? status.tenant() : job == null ? null : job.group();
          if (owner == null || !owner.equals(tenant.id())) {
            return Optional.<MessageView>empty();
          }
          return Optional.of(view(jobId, job, status));
        });
  }

  static MessageView view(String jobId, Job job, MessageStatus status) {
    JobState state = job == null ? null : job.state();
    String reported = status == null ? null : status.status();
    SentMessage recorded = job == null ? null : SentMessage.fromJson(job.result());
    String name;
    if (state == JobState.DEAD) {
      name = "dead";
    } else if ((state == JobState.FAILED || state == JobState.DELAYED) && job.lastError() != null
        && job.lastError().startsWith(HeldSends.MARKER)) {
      name = "held"; // its tenant is disabled: it goes out once the tenant is enabled
    } else if (reported != null && !"queued".equals(reported)) {
      name = reported;
    } else if (state == JobState.ACTIVE) {
      name = "active";
    } else if (state == JobState.COMPLETED || recorded != null) {
      name = "sent";
    } else {
      name = "queued";
    }
    String wamid = status != null && status.wamid() != null ? status.wamid() : recorded == null ? null : recorded.wamid();
    var sentAt = status != null && status.sentAt() != null ? status.sentAt() : recorded == null ? null : recorded.sentAtInstant();
    String code = status == null ? null : status.errorCode();
    String title = status == null ? null : status.errorTitle();
    if (state == JobState.DEAD && code == null && job.lastError() != null) {
      title = job.lastError();
    }
    return new MessageView(jobId, name, wamid, sentAt, status == null ? null : status.deliveredAt(),
        status == null ? null : status.readAt(), status == null ? null : status.failedAt(), code, title,
        job == null ? null : job.attempts());
  }
}
