package dev.switchboard.notification;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.queue.EnqueueResult;
import dev.switchboard.queue.JobOptions;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.support.Mask;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Puts e-mails on {@code notification:email}, from any part of the service. The answer comes once Redis has the job;
 * the mail is sent by {@link EmailProcessor}. A job that can never be sent (an unknown template, a bad address,
 * missing data) is not refused here: it goes dead at once with the reason, where operators see it.
 */
@ApplicationScoped
public class EmailNotifications {

  private final JobQueue jobs;

  public EmailNotifications(JobQueue jobs) {
    this.jobs = jobs;
  }

  /** Enqueues one e-mail; {@code subject} may be null for the template's default. Answers the job id. */
  public Uni<String> enqueue(String to, String subject, String template, Map<String, Object> data, int priority) {
    return enqueue(new EmailJob(to, subject, template, data, "service"), priority);
  }

  public Uni<String> enqueue(EmailJob job, int priority) {
    return this.jobs.enqueue(EmailJob.QUEUE, job, JobOptions.defaults().withPriority(priority))
        .invoke(result -> Log.debugf("E-mail to %s queued as job %s", Mask.email(job.to()), result.jobId()))
        .map(EnqueueResult::jobId);
  }
}
